"""The diverging colour scales weights are drawn in: one palette everywhere on a page, chosen by the learner.

A palette runs from strong negative (left end, index 0) through zero (middle) to
strong positive (right end). Every weight picture, table, heatmap, legend and
diagram takes one, so a learner who picks the colour-vision-safe palette sees
it everywhere. Each palette names its ends in words, so the legend can say which
end is which without relying on colour. tests/ui/test_palettes.py checks, with
simulated colour-vision deficiencies, that the two ends and zero stay apart.

A palette's label and words are kept in English (marked for the catalogue) and read
in the session's language: ``palette.label`` is "красный – белый – синий" to a session
in Russian, so the picker and every legend speak it without translating anything themselves.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Callable

import numpy as np

from ui.i18n import N_, _

#: Colours on a ramp; one palette entry more is the grey between tiles of a picture sheet.
RAMP = 255
TILE_GAP_GREY = (200, 200, 200)


@dataclasses.dataclass(frozen=True)
class Palette:
    """A diverging scale: ``anchors`` (n, 3) RGB from strong negative to strong positive, zero in the middle."""

    name: str           # the URL word, never translated
    label_text: str     # shown in the picker (English; :attr:`label` is the session's language)
    anchors: tuple      # RGB triples, odd count, zero at the middle one
    negative_text: str  # "red": what a legend calls the negative end (English; see :attr:`negative_word`)
    zero_text: str
    positive_text: str

    # The words as the session reads them. Colour names are translated as adjectives that
    # agree with "colour" ("красный", "серый"), which every legend sentence is written around.
    @property
    def label(self) -> str:
        return _(self.label_text)

    @property
    def negative_word(self) -> str:
        return _(self.negative_text)

    @property
    def zero_word(self) -> str:
        return _(self.zero_text)

    @property
    def positive_word(self) -> str:
        return _(self.positive_text)

    @cached_property
    def lut(self) -> np.ndarray:
        """RAMP colours (uint8, (RAMP, 3)) interpolated between the anchors."""
        anchors = np.asarray(self.anchors, dtype=float)
        return np.stack(
            [np.interp(np.linspace(0, 1, RAMP), np.linspace(0, 1, len(anchors)), anchors[:, c]) for c in range(3)],
            axis=1,
        ).round().astype(np.uint8)

    @cached_property
    def pil_palette(self) -> list:
        """The ramp plus the tile-gap grey (entry RAMP), flat, for PIL palette images."""
        return np.concatenate([self.lut, [TILE_GAP_GREY]]).astype(np.uint8).ravel().tolist()

    @cached_property
    def plotly_colourscale(self) -> list:
        """The anchors as a plotly colourscale, so hover views match the pictures."""
        last = len(self.anchors) - 1
        return [[i / last, f"rgb({r},{g},{b})"] for i, (r, g, b) in enumerate(self.anchors)]

    @property
    def negative(self) -> tuple:
        """The strong negative colour of a diagram's lines (one step in from the darkest end)."""
        return tuple(self.anchors[1])

    @property
    def positive(self) -> tuple:
        return tuple(self.anchors[-2])

    @property
    def zero(self) -> tuple:
        return tuple(self.anchors[len(self.anchors) // 2])


#: ColorBrewer's RdBu: red (negative) -> white (zero) -> blue (positive). The book-like default.
RED_WHITE_BLUE = Palette(
    # Translators: a palette in the sidebar: negative weights red, zero white, positive blue
    "red-blue", N_("red – white – blue"),
    ((103, 0, 31), (178, 24, 43), (214, 96, 77), (244, 165, 130), (253, 219, 199),
     (255, 255, 255),
     (209, 229, 240), (146, 197, 222), (67, 147, 195), (33, 102, 172), (5, 48, 97)),
    # Translators: colour names, as adjectives agreeing with "цвет" (colour): "красный"
    N_("red"), N_("white"), N_("blue"),
)

#: Orange (negative) -> grey (zero) -> blue (positive): the two hues that red-green and
#: blue-yellow colour blindness both keep apart (ColorBrewer's PuOr orange end, RdBu's blue
#: end, and a light grey zero so zero is not mistaken for the page).
ORANGE_GREY_BLUE = Palette(
    # Translators: a palette in the sidebar, safe for colour blindness
    "orange-blue", N_("orange – grey – blue (colour-vision safe)"),
    ((127, 59, 8), (179, 88, 6), (224, 130, 20), (253, 184, 99), (254, 224, 182),
     (221, 221, 221),
     (209, 229, 240), (146, 197, 222), (67, 147, 195), (33, 102, 172), (5, 48, 97)),
    N_("orange"), N_("grey"), N_("blue"),
)

PALETTES = {palette.name: palette for palette in (RED_WHITE_BLUE, ORANGE_GREY_BLUE)}
DEFAULT_PALETTE = RED_WHITE_BLUE


def picker_labels() -> Callable[[str], str]:
    """A picker's ``format_func``: each palette's label (by its URL word) in the session's language now.

    The words are fixed when the picker is drawn: Streamlit may call the function later,
    from another thread (AppTest does), where the session's language is not known.
    """
    return {name: palette.label for name, palette in PALETTES.items()}.__getitem__
