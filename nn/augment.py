"""More training images from the ones we have: the book's small rotations.

The book's last improvement trains on each image and on copies rotated by
+10 and -10 degrees (scipy.ndimage.rotate, linear interpolation, same 28 x 28
frame). Here the rotation is applied to the raw uint8 pixels and rounded back
to uint8, so rotated images go through the same :func:`nn.data.scale_inputs`
as every other image. Because the book's scaling is affine and linear
interpolation weights sum to 1, rotating then scaling equals the book's
scaling then rotating (with its cval=0.01 background), up to that rounding
(at most 0.5/255 of the pixel range).
"""

from __future__ import annotations

import numpy as np


def rotated_copies(images, degrees: float = 10.0) -> np.ndarray:
    """Every image rotated by +degrees, then every image rotated by -degrees.

    images: uint8 (n, 28, 28). Returns uint8 (2n, 28, 28): rows 0..n-1 are the
    +degrees copies (anticlockwise, as scipy turns them), rows n..2n-1 the
    -degrees copies, each in the order of ``images``. Corners uncovered by
    the turn are background (0).
    """
    images = _check_images(images)
    degrees = _check_degrees(degrees)
    turned = [_rotate(images, angle) for angle in (degrees, -degrees)]
    return np.concatenate(turned)


def augment(images, labels, degrees: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    """Originals plus both rotations, in the book's training order.

    For each image in turn: the image, its +degrees copy, its -degrees copy
    (the book trains each record and then its two rotations). Returns uint8
    images (3n, 28, 28) and labels (3n,).
    """
    images = _check_images(images)
    labels = np.asarray(labels)
    if labels.shape != (len(images),):
        raise ValueError(f"labels must be one per image, shape ({len(images)},); got {labels.shape}")
    turned = rotated_copies(images, degrees).reshape(2, *images.shape)
    # stack to (n, 3, 28, 28) = [original, +degrees, -degrees] per image, then flatten to 3n
    interleaved = np.stack([images, turned[0], turned[1]], axis=1).reshape(-1, *images.shape[1:])
    return interleaved, np.repeat(labels, 3)


def _rotate(images: np.ndarray, angle: float) -> np.ndarray:
    # imported here: scipy.ndimage takes about 0.2 s to import, and every page imports this
    # module (through the settings tables) while only rotating needs it
    from scipy import ndimage

    # order=1 is the book's linear interpolation; axes=(1, 2) turns every image in the stack at once
    turned = ndimage.rotate(images.astype(np.float64), angle, axes=(1, 2), reshape=False, order=1, cval=0.0)
    return np.clip(np.rint(turned), 0, 255).astype(np.uint8)


def _check_images(images) -> np.ndarray:
    images = np.asarray(images)
    if images.ndim != 3 or images.dtype != np.uint8:
        raise ValueError(f"images must be uint8 of shape (n, rows, columns); got {images.dtype} {images.shape}")
    return images


def _check_degrees(degrees) -> float:
    try:
        degrees = float(degrees)
    except (TypeError, ValueError):
        raise ValueError(f"degrees must be a number; got {degrees!r}") from None
    if not np.isfinite(degrees) or not 0 <= abs(degrees) <= 180:
        raise ValueError(f"degrees must be a finite number from -180 to 180; got {degrees!r}")
    return degrees
