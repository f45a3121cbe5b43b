"""Equations with their numbers: LaTeX for small networks, heatmaps with hover values for big ones.

Every number is printed by :func:`number`, to :data:`SIGNIFICANT_FIGURES`
significant figures, so the page can state its precision once.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional, Union

import numpy as np
import plotly.graph_objects as go

from ui.i18n import N_, _, numbers, pgettext
from ui.palettes import DEFAULT_PALETTE, Palette

SIGNIFICANT_FIGURES = 4
PRECISION_NOTE = N_(
    "Numbers are shown to {figures} significant figures "
    "(very small ones as a × 10⁻ⁿ); hover a heatmap cell or a line in the diagram to read its value."
)


def precision_note() -> str:
    return _(PRECISION_NOTE).format(figures=SIGNIFICANT_FIGURES)


def notation(latex: str) -> str:
    """``latex`` with the words of the book's symbols in the session's language (X_hidden -> X_скрытый).

    The stages write the symbols in English (ui/step/stages.py); every formula goes through here
    on its way to the screen, so the symbols are the same in every formula of a language.
    """
    words = {
        # Translators: the words in the subscripts of the book's symbols: X_hidden, O_output, W_input_hidden
        # (the weights from the input to the hidden layer), W^new (after the update), E_after.
        "input": pgettext("a subscript in the book's symbols", "input"),
        "hidden": pgettext("a subscript in the book's symbols", "hidden"),
        "output": pgettext("a subscript in the book's symbols", "output"),
        "new": pgettext("a subscript in the book's symbols", "new"),
        "after": pgettext("a subscript in the book's symbols", "after"),
    }
    if all(word == english for english, word in words.items()):
        return latex
    return re.sub(r"\\text\{([a-z\\_]+)\}",
                  lambda found: r"\text{" + r"\_".join(words.get(part, part) for part in found.group(1).split(r"\_"))
                  + "}", latex)


def number(value: float) -> str:
    """``0.1235``, ``-1.500``, ``1.235\\times10^{-5}``: LaTeX for one number, 4 significant figures.

    With the session's decimal sign: in Russian ``0{,}1235`` (the braces keep LaTeX from spacing the comma).
    """
    mantissa, _e, exponent = f"{float(value):#.{SIGNIFICANT_FIGURES}g}".partition("e")
    mantissa = numbers.latex(mantissa.replace(".", numbers.decimal_sign()))
    return rf"{mantissa}\times10^{{{int(exponent)}}}" if exponent else mantissa


@dataclasses.dataclass(frozen=True)
class Term:
    """One named array inside an equation.

    ``symbol`` is the book's notation (LaTeX), ``name`` the code's name (e.g.
    ``hidden_inputs``); ``layout`` "column" draws a vector standing up, "row" lying down.
    """

    symbol: str
    name: str
    values: Union[np.ndarray, float]
    layout: str = "column"


#: Put in an Equation's rhs to continue the numbers on a new line (long products).
LINE_BREAK = "\n"


@dataclasses.dataclass(frozen=True)
class Equation:
    """``lhs = rhs = result``: rhs mixes LaTeX operators (str), Terms and LINE_BREAKs."""

    lhs: str
    rhs: tuple
    result: Optional[Term] = None

    def terms(self) -> list[Term]:
        """Every Term, each name once, in reading order (the result last)."""
        seen, terms = set(), []
        for item in [*self.rhs, self.result]:
            if isinstance(item, Term) and item.name not in seen:
                seen.add(item.name)
                terms.append(item)
        return terms


def array_latex(term: Term) -> str:
    """The term's numbers as a bmatrix (a scalar is just the number)."""
    values = np.asarray(term.values, dtype=np.float64)
    if values.ndim == 0:
        return number(values)
    if values.ndim == 1:
        values = values[None, :] if term.layout == "row" else values[:, None]
    rows = [" & ".join(number(v) for v in row) for row in values]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def substituted_latex(equation: Equation) -> str:
    """The equation again with every array written out: lhs = numbers... = result."""
    rhs = " ".join(
        array_latex(item) if isinstance(item, Term) else r"\\ & \qquad" if item == LINE_BREAK else item
        for item in equation.rhs
    )
    lines = [equation.lhs]
    if rhs:
        lines.append("= " + rhs)
    if equation.result is not None:
        lines.append("= " + array_latex(equation.result))
    if len(lines) <= 2:
        return notation(" ".join(lines))
    return notation(r"\begin{aligned}" + lines[0] + " &" + r" \\ &".join(lines[1:]) + r"\end{aligned}")


def array_heatmap(term: Term, palette: Palette = DEFAULT_PALETTE) -> go.Figure:
    """One array as a heatmap in the palette of every weight picture (blue positive, red negative by default), values on hover."""
    values = np.asarray(term.values, dtype=np.float64)
    grid = values[None, :] if values.ndim == 1 else values
    largest = float(np.max(np.abs(grid))) or 1.0
    rows, columns = grid.shape
    # a code name stays as it is; one with a word or two ("who (before)") is marked for translation
    name = _(term.name) if " (" in term.name else term.name
    figure = go.Figure(go.Heatmap(
        z=grid,
        x=np.arange(1, columns + 1),
        y=np.arange(1, rows + 1),
        colorscale=palette.plotly_colourscale, zmin=-largest, zmax=largest, zmid=0,
        hovertemplate=(
            name + ("[%{x}]" if values.ndim == 1 else "[%{y}, %{x}]") + ": %{z:.4g}<extra></extra>"
        ),
        colorbar={"thickness": 10, "len": 1.0 if rows > 1 else 2.5},
    ))
    figure.update_layout(
        title={"text": f"{name} ({values.shape[0] if values.ndim == 1 else 'x'.join(map(str, values.shape))})",
               "font": {"size": 13}},
        height=110 if rows == 1 else min(420, 120 + 6 * rows),
        margin={"l": 30, "r": 10, "t": 30, "b": 20},
        yaxis={"autorange": "reversed", "visible": rows > 1},
        xaxis={"visible": columns > 1},
        separators=".," if numbers.decimal_sign() == "." else ",\u00a0",  # decimal sign, then thousands: 0,1235 in Russian
    )
    return figure
