"""The projector's pictures of a room: the histogram of the class's answers and the class race's curves.

Functions from plain lists to SVG text, knowing nothing of rooms or sessions (as ui/charts.py).
Meaning is never carried by colour alone: the true answer's bar says so in words and
the student's own bar says "you"; each race curve is labelled at its end. Every piece
of text is escaped, so a label can never become markup.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Optional, Sequence

from ui.i18n import N_, _, ngettext, numbers

#: Okabe and Ito's palette, told apart with any colour vision.
RACE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BAR = "#9aa7b5"
TRUE_BAR = "#0b5394"
#: The words beside the true answer's bar and the student's own (also named in the caption under the chart).
TRUE_MARK = N_("✓ true answer")
# Translators: beside the bar of the answer this student gave; keep it short
OWN_MARK = N_("← you")


def svg_img_html(svg: str, alt: str, css_class: str, largest: str = "56rem") -> str:
    """An ``<img>`` of ``svg`` (a data URL: st.html's sanitiser drops inline ``<svg>``) with ``alt`` text, escaped.

    It fills the column up to ``largest``, so on a projector it is as big as the page allows."""
    data = base64.b64encode(svg.encode()).decode("ascii")
    return (f'<img class="{css_class}" src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="width:100%;max-width:{largest}">')


def answers_summary(labels: Sequence[str], counts: Sequence[int], correct: Optional[int] = None,
                    own: Optional[int] = None) -> str:
    """The histogram in words (its alt text): every choice's count, the true answer and the student's own."""
    counted = ", ".join(f"{label}: {numbers.integer(count)}" for label, count in zip(labels, counts))
    return (counted + (_("; the true answer is {answer}").format(answer=labels[correct]) if correct is not None else "")
            + (_("; your answer is {answer}").format(answer=labels[own]) if own is not None else ""))


def race_summary(labels: Sequence[str], samples: int) -> str:
    return ngettext("Running mean error of {runs} posted run over {samples} samples: {labels}",
                    "Running mean error of {runs} posted runs over {samples} samples: {labels}",
                    len(labels)).format(runs=len(labels), samples=samples, labels=", ".join(labels))


#: The room a histogram's bars keep at least (in its own pixels) when it widens to hold its words.
LEAST_BARS_WIDTH = 300


def _text_width(text: str) -> int:
    """Room for ``text`` in the histogram's bold 22 px letters, which are up to ~13 px wide (a generous guess:
    the picture is an image, measured by no browser; too little room would cut a label)."""
    return 24 + 13 * len(text)


def answers_histogram_svg(labels: Sequence[str], counts: Sequence[int], correct: Optional[int] = None,
                          own: Optional[int] = None, width: int = 800, wide: bool = False) -> str:
    """One bar per choice, its count written beside it; the true answer (if revealed) and ``own`` marked in words.

    ``wide`` (a projector, a desk): every label stands left of its bar and the picture is as wide as its
    words need (``width`` at least), so four options take four short rows and a reveal fits a 1280 x 720
    projector. Otherwise (a phone) the picture is ``width`` wide and a label longer than its column gets a
    line of its own above its bar, so its type stays large when the picture is shrunk to a narrow screen."""
    notes = ["  ".join([numbers.integer(count)] + ([_(TRUE_MARK)] if index == correct else [])
                      + ([_(OWN_MARK)] if index == own else [])) for index, count in enumerate(counts)]
    label_w, gap = 190, 10
    needed = _text_width(max(labels, key=len, default=""))
    if wide:
        label_w = max(label_w, needed)
        notes_w = _text_width(max(notes, key=len, default=""))
        width = max(width, label_w + LEAST_BARS_WIDTH + notes_w)
    else:
        notes_w = 320  # room on the right for "12 ✓ true answer ← you"
    beside = needed <= label_w
    row = 46 if beside else 84
    bar_x, bar_y, label_x = (label_w, 6, label_w - 12) if beside else (12, 42, 12)
    height = row * len(labels) + 20
    bar_w = width - bar_x - notes_w
    most = max([*counts, 1])
    summary = html.escape(answers_summary(labels, counts, correct, own), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{summary}" class="answers-histogram" font-family="sans-serif" font-size="22">',
             f"<title>{summary}</title>"]
    for index, (label, count, note) in enumerate(zip(labels, counts, notes)):
        y = 10 + index * row
        length = bar_w * count / most
        is_true = index == correct
        bold = ' font-weight="bold"' if is_true else ""
        outline = ' stroke="#000" stroke-width="3"' if is_true else ""
        parts.append(f'<text x="{label_x}" y="{y + 30}" text-anchor="{"end" if beside else "start"}"'
                     f'{bold}>{html.escape(label)}</text>')
        parts.append(f'<rect x="{bar_x}" y="{y + bar_y}" width="{max(length, 2):.1f}" height="32" '
                     f'fill="{TRUE_BAR if is_true else BAR}"'
                     f'{outline}/>')
        parts.append(f'<text x="{bar_x + length + gap:.1f}" y="{y + bar_y + 24}"'
                     f'{bold}>{html.escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def race_curves_svg(curves: Sequence[Sequence[float]], labels: Sequence[str], samples: int, points: int,
                    width: int = 900, height: int = 380) -> str:
    """Every posted running-mean error curve over the same ``samples``, each labelled at its end.

    A full curve has ``points`` points evenly spread over the samples; a shorter one stopped early.
    Curves are drawn on one error axis from 0 to the largest error posted, so a run that
    stalls stays high, one that learns falls, and one that blows up stops early or climbs.
    """
    left, right, top, bottom = 64, 150, 16, 46
    x_title = _("samples trained (0 to {samples})").format(samples=samples)
    y_title = _("running mean error")
    plot_w, plot_h = width - left - right, height - top - bottom
    finite = [value for curve in curves for value in curve if math.isfinite(value)]
    top_error = max([*finite, 0.01]) * 1.05
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="img" font-family="sans-serif" font-size="16">',
             f"<title>{html.escape(race_summary(labels, samples))}</title>",
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#444"/>',
             f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">{html.escape(x_title)}</text>',
             f'<text x="14" y="{top + plot_h / 2}" transform="rotate(-90 14 {top + plot_h / 2})" '
             f'text-anchor="middle">{html.escape(y_title)}</text>']
    for tick in (0.0, top_error / 2, top_error):
        y = top + plot_h * (1 - tick / top_error)
        written = f"{tick:.2g}".replace(".", numbers.decimal_sign())
        parts.append(f'<text x="{left - 6}" y="{y + 5:.1f}" text-anchor="end">{written}</text>')
    for index, (curve, label) in enumerate(zip(curves, labels)):
        colour = RACE_COLOURS[index % len(RACE_COLOURS)]
        xy = [(left + plot_w * n / max(points - 1, 1), top + plot_h * (1 - min(value, top_error) / top_error))
                  for n, value in enumerate(curve) if math.isfinite(value)]
        if not xy:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        dash = "" if index < len(RACE_COLOURS) else ' stroke-dasharray="6 4"'
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dash}/>')
        x, y = xy[-1]
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 5:.1f}" fill="{colour}">{html.escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
