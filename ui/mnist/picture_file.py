"""An uploaded picture file -> pixels, judged from its header before any pixel is decoded.

A PNG of a few hundred kilobytes can hold tens of millions of pixels, and a file
named ``.png`` may be any of the formats the imaging library knows. So: only the
formats the upload box names are opened (:data:`FORMATS`, all decoded inside
Pillow, none by an outside program); the size in the header is checked before
decoding (:data:`MAX_PIXELS`); JPEGs are decoded straight at a reduced scale;
16-bit greyscale is scaled to 0..255 rather than clipped.

Reasons are raised as :class:`PictureRefused`; the tab words them.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, PngImagePlugin, UnidentifiedImageError

#: The formats the upload box accepts, as Pillow names them, and the file endings it offers.
FORMATS = ("PNG", "JPEG", "BMP", "GIF", "WEBP")
EXTENSIONS = ("png", "jpg", "jpeg", "bmp", "gif", "webp")

#: The most pixels a picture may have: a 12-megapixel phone photo (4000 x 3000). A digit needs a few
#: hundred; decoding this many costs at most ~48 MB for a moment (PNG; a JPEG is decoded at 1/8 scale).
MAX_PIXELS = 12_000_000
#: Largest upload accepted by the box, in MB: a phone photo as JPEG is 2-6 MB.
MAX_FILE_MB = 10
#: Pictures are shrunk to this longest side before preprocessing.
LONGEST_SIDE = 600

# Process-wide, as Pillow has them: anything Pillow opens in this server is refused past twice
# MAX_PIXELS, and a PNG's text chunks (which a digit never needs) may unpack to 1 MB, not 64 MB.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PngImagePlugin.MAX_TEXT_MEMORY = 2**20

#: 16-bit greyscale modes: 0..65535, scaled onto 0..255 (65535 / 255 = 257).
SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")


class PictureRefused(ValueError):
    """An upload that is not a picture this page reads. ``reason``: "format", "too big" or "damaged"."""

    def __init__(self, reason: str, detail: str = "", *, size: tuple[int, int] = (0, 0)):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.size = reason, detail, size


def decode_picture(data: bytes) -> np.ndarray:
    """An image file's bytes -> (h, w, 4) RGBA uint8, or (h, w) float grey 0..255 for 16-bit greyscale.

    The longest side is at most :data:`LONGEST_SIDE`. Raises :class:`PictureRefused`.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as picture:
                width, height = picture.size  # from the header: nothing is decoded yet
                if width * height > MAX_PIXELS:
                    raise PictureRefused("too big", size=(width, height))
                picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))  # a JPEG decodes at 1/2..1/8 scale here
                if picture.mode in SIXTEEN_BIT_MODES:
                    return np.clip(np.asarray(picture, dtype=np.float64) / 257.0, 0.0, 255.0)
                return np.asarray(picture.convert("RGBA"))
    except PictureRefused:
        raise
    except UnidentifiedImageError:
        raise PictureRefused("format") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as problem:
        raise PictureRefused("too big", str(problem)) from None
    except (OSError, SyntaxError, ValueError, EOFError) as problem:  # truncated or damaged files
        raise PictureRefused("damaged", str(problem)) from None
