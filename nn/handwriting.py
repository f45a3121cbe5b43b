"""Turn a picture of one handwritten digit into the network's 784 inputs.

The book reads a 28 x 28 greyscale picture, inverts it so that ink is high
(MNIST stores ink as 255 on a 0 background) and scales 0..255 onto
0.01..1.00. A picture drawn with a mouse or photographed is bigger and its
digit is not where MNIST's digits are, so two steps go in between, as MNIST
itself was made: crop to the ink, fit it into a 20 x 20 box, and centre that
box by its centre of mass in the 28 x 28 frame.

Every step is kept (:class:`Preparation`), so a page can show each one.
numpy and scipy only: decoding a file (PNG, JPEG) into an array is the
caller's job.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from scipy import ndimage

from nn.data import scale_inputs

SIDE = 28           # MNIST's frame
DIGIT_BOX = 20      # MNIST's digits fit a 20 x 20 box inside the frame
#: Ink fainter than this (0..255, after inverting) counts as background when cropping,
#: so paper texture and JPEG noise do not widen the crop.
INK_THRESHOLD = 40.0
#: Pictures smaller than this in either direction cannot hold a readable digit.
MIN_SIDE = 8


class UnreadablePicture(ValueError):
    """A picture :func:`prepare` cannot turn into a digit: why (``reason``), with the figures a page words.

    Reasons and their figures: ``not_numbers`` (dtype), ``wrong_shape`` (shape),
    ``too_small`` (height, width, min_side), ``out_of_range`` (low, high: the
    smallest and largest value found, NaN if any is NaN), ``blank`` (threshold),
    ``vanished`` (side). ``str()`` is a short technical
    summary; what a learner reads is worded in ``ui/``.
    """

    REASONS = ("not_numbers", "wrong_shape", "too_small", "out_of_range", "blank", "vanished")

    def __init__(self, reason: str, **figures):
        assert reason in self.REASONS, reason
        self.reason, self.figures = reason, figures
        super().__init__(f"{reason} ({', '.join(f'{name}={value}' for name, value in figures.items())})")


@dataclasses.dataclass(frozen=True)
class Preparation:
    """Each step from a picture to the network's inputs.

    grey:     (h, w) float, 0 black .. 255 white, as the picture looks
    ink:      (h, w) float, 0 background .. 255 ink (inverted unless the
              picture already had light ink on a dark background)
    inverted: whether ``ink`` is ``255 - grey`` (False: the background was dark)
    cropped:  (s, s) float, the ink's bounding box padded to a square
    resized:  (28, 28) float 0..255, the digit in a 20 x 20 box centred by mass
    inputs:   (784,) float 0.01..1.00, the book's scaling ``x / 255 * 0.99 + 0.01``
    """

    grey: np.ndarray
    ink: np.ndarray
    inverted: bool
    cropped: np.ndarray
    resized: np.ndarray
    inputs: np.ndarray


def prepare(picture) -> Preparation:
    """Grey -> ink high -> cropped -> 28 x 28 -> inputs, for one picture array.

    ``picture``: (h, w) grey, (h, w, 3) RGB or (h, w, 4) RGBA, values 0..255
    (uint8 or float). Transparent pixels count as white paper.
    Raises :class:`UnreadablePicture` saying why a picture holds no digit.
    """
    grey = to_grey(picture)
    ink, inverted = ink_high(grey)
    cropped = crop_to_ink(ink)
    resized = fit_to_frame(cropped)
    inputs = scale_inputs(resized)[0]
    return Preparation(grey, ink, inverted, cropped, resized, inputs)


def to_grey(picture) -> np.ndarray:
    """(h, w[, 1|3|4]) 0..255 -> (h, w) float luminance, transparency shown as white."""
    pixels = np.asarray(picture)
    if pixels.dtype == bool or pixels.dtype.kind not in "uif":
        raise UnreadablePicture("not_numbers", dtype=str(pixels.dtype))
    pixels = pixels.astype(np.float64)
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    if pixels.ndim not in (2, 3) or (pixels.ndim == 3 and pixels.shape[2] not in (3, 4)):
        raise UnreadablePicture("wrong_shape", shape=pixels.shape)
    if min(pixels.shape[:2]) < MIN_SIDE:
        raise UnreadablePicture("too_small", height=pixels.shape[0], width=pixels.shape[1], min_side=MIN_SIDE)
    if not np.all(np.isfinite(pixels)) or pixels.min() < 0 or pixels.max() > 255:
        raise UnreadablePicture("out_of_range", low=float(np.min(pixels)), high=float(np.max(pixels)))
    if pixels.ndim == 2:
        return pixels
    # ITU-R 601 luma, the weights PIL's "L" mode uses
    grey = pixels[:, :, 0] * 0.299 + pixels[:, :, 1] * 0.587 + pixels[:, :, 2] * 0.114
    if pixels.shape[2] == 4:
        opacity = pixels[:, :, 3] / 255.0
        grey = grey * opacity + 255.0 * (1.0 - opacity)  # composite on white paper
    return grey


def ink_high(grey: np.ndarray) -> tuple[np.ndarray, bool]:
    """Make ink high and background 0, as MNIST stores it.

    The background is judged from the picture's border: a light border
    (paper) means dark ink, so the picture is inverted (the book's
    ``255 - pixels``); a dark border means the ink is light already.
    """
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    inverted = bool(np.median(border) >= 128)
    ink = 255.0 - grey if inverted else grey.copy()
    ink -= np.median(np.concatenate([ink[0], ink[-1], ink[:, 0], ink[:, -1]]))  # background to 0
    return np.clip(ink, 0.0, 255.0), inverted


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    """The smallest square around the ink, the ink centred in it."""
    rows, columns = np.nonzero(ink > INK_THRESHOLD)
    if rows.size == 0:
        raise UnreadablePicture("blank", threshold=INK_THRESHOLD)
    box = ink[rows.min(): rows.max() + 1, columns.min(): columns.max() + 1]
    height, width = box.shape
    side = max(height, width)
    square = np.zeros((side, side))
    top, left = (side - height) // 2, (side - width) // 2
    square[top: top + height, left: left + width] = box
    return square


def fit_to_frame(square: np.ndarray) -> np.ndarray:
    """Resize the square to 20 x 20 and centre it by mass in a 28 x 28 frame, 0..255."""
    zoom = DIGIT_BOX / square.shape[0]
    # order=1 (bilinear) on enlargements; shrinking is smoothed first so thin
    # strokes are averaged, not sampled away.
    if zoom < 1:
        square = ndimage.gaussian_filter(square, sigma=0.5 / zoom)
    digit = np.clip(ndimage.zoom(square, zoom, order=1), 0.0, 255.0)
    digit = digit[:DIGIT_BOX, :DIGIT_BOX]
    frame = np.zeros((SIDE, SIDE))
    start = (SIDE - DIGIT_BOX) // 2
    frame[start: start + digit.shape[0], start: start + digit.shape[1]] = digit
    if frame.sum() == 0:
        raise UnreadablePicture("vanished", side=SIDE)
    centre_row, centre_column = ndimage.center_of_mass(frame)
    # MNIST put the centre of mass at pixel (14, 14), half a pixel past the geometric middle
    shift = SIDE / 2 - centre_row, SIDE / 2 - centre_column
    frame = ndimage.shift(frame, np.round(shift), order=0, mode="constant")
    if frame.max() > 0:
        frame *= 255.0 / frame.max()  # a faint pencil digit uses the full range, like MNIST's
    return frame
