"""MNIST, read offline from ``assets/``, and the book's scaling of it.

Two layouts are read:

* the standard IDX files shipped in ``assets/`` (``train-*`` 60,000 images,
  ``t10k-*`` 10,000), via :func:`load_mnist`;
* the book's CSV layout (one record per line: the label, then 784 pixel values
  0..255, row-major), via :func:`read_csv`, so a learner can bring such a file.

Both give ``images`` uint8 (n, 28, 28), 0 = background, 255 = full ink, and
``labels`` uint8 (n,). The network wants the book's scaling instead:
:func:`scale_inputs` and :func:`make_targets`.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import struct
from pathlib import Path
from typing import BinaryIO, TextIO, Union

import numpy as np

ASSETS = Path(__file__).resolve().parent.parent / "assets"

IMAGE_SIDE = 28
PIXELS = IMAGE_SIDE * IMAGE_SIDE  # 784 input nodes

#: The file-name stem of each split, as the MNIST distribution names them.
SPLITS = {"train": "train", "test": "t10k"}
SPLIT_SIZES = {"train": 60_000, "test": 10_000}

_IMAGES_MAGIC = 2051  # 0x00000803: unsigned bytes, 3 dimensions
_LABELS_MAGIC = 2049  # 0x00000801: unsigned bytes, 1 dimension


# -- IDX (the shipped files) ----------------------------------------------------------


def load_mnist(split: str = "train", limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The MNIST ``split`` ("train" or "test") as ``(images, labels)``.

    images: uint8 (n, 28, 28); labels: uint8 (n,), digits 0..9. ``limit`` keeps
    the first ``limit`` records (all of them when None). The files are read
    once per process; the arrays returned are read-only views of that copy
    (take ``.copy()`` to change one).
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}; got {split!r}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, np.integer)) or limit < 0):
        raise ValueError(f"limit must be a whole number 0 or more, or None; got {limit!r}")
    images, labels = _read_split(split)
    return images[:limit], labels[:limit]


@functools.lru_cache(maxsize=None)
def _read_split(split: str) -> tuple[np.ndarray, np.ndarray]:
    stem = SPLITS[split]
    images = _read_idx_images(ASSETS / f"{stem}-images-idx3-ubyte.gz")
    labels = _read_idx_labels(ASSETS / f"{stem}-labels-idx1-ubyte.gz")
    if len(images) != len(labels):
        raise ValueError(f"MNIST {split}: {len(images)} images but {len(labels)} labels")
    for array in (images, labels):
        array.flags.writeable = False  # one shared copy per process: nobody may scribble on it
    return images, labels


def _read_idx_images(path: Path) -> np.ndarray:
    raw = _gunzip(path)
    if len(raw) < 16:
        raise ValueError(f"{path.name}: too short for an IDX image header")
    magic, count, rows, columns = struct.unpack(">IIII", raw[:16])
    if magic != _IMAGES_MAGIC:
        raise ValueError(f"{path.name}: magic number {magic}, expected {_IMAGES_MAGIC} (IDX images)")
    if (rows, columns) != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"{path.name}: images are {rows} x {columns}, expected 28 x 28")
    if len(raw) != 16 + count * PIXELS:
        raise ValueError(f"{path.name}: header says {count} images but the file holds {len(raw) - 16} pixel bytes")
    return np.frombuffer(raw, np.uint8, offset=16).reshape(count, IMAGE_SIDE, IMAGE_SIDE)


def _read_idx_labels(path: Path) -> np.ndarray:
    raw = _gunzip(path)
    if len(raw) < 8:
        raise ValueError(f"{path.name}: too short for an IDX label header")
    magic, count = struct.unpack(">II", raw[:8])
    if magic != _LABELS_MAGIC:
        raise ValueError(f"{path.name}: magic number {magic}, expected {_LABELS_MAGIC} (IDX labels)")
    if len(raw) != 8 + count:
        raise ValueError(f"{path.name}: header says {count} labels but the file holds {len(raw) - 8}")
    labels = np.frombuffer(raw, np.uint8, offset=8)
    if labels.size and labels.max() > 9:
        raise ValueError(f"{path.name}: a label is {labels.max()}, but digits go 0..9")
    return labels


def _gunzip(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise FileNotFoundError(f"MNIST file missing: {path} (it ships in assets/)") from None


# -- the book's scaling ----------------------------------------------------------------


def scale_inputs(images, out=None) -> np.ndarray:
    """Pixels 0..255 -> the book's inputs 0.01..1.00: ``x / 255 * 0.99 + 0.01``.

    Takes (n, 28, 28) or (n, 784) (or one image) and gives float64 (n, 784);
    one image (28, 28) or (784,) gives (1, 784). Zero stays away from 0 so
    that no input switches its weights' learning off. ``out``: a float64
    array of at least n rows of 784 to write into (its first n rows are
    returned), for callers scaling chunk after chunk without new memory.
    """
    pixels = np.asarray(images)
    per_image = pixels.shape[-2:] if pixels.ndim >= 2 and pixels.shape[-1] != PIXELS else pixels.shape[-1:]
    if int(np.prod(per_image)) != PIXELS or pixels.ndim > len(per_image) + 1:
        raise ValueError(f"images must be (n, 28, 28) or (n, 784); got shape {pixels.shape}")
    pixels = pixels.reshape(-1, PIXELS)
    scaled = np.empty(pixels.shape) if out is None else out[: len(pixels)]
    np.divide(pixels, 255.0, out=scaled, dtype=np.float64)
    scaled *= 0.99
    scaled += 0.01
    return scaled


def make_targets(labels, classes: int = 10) -> np.ndarray:
    """One row per label: 0.01 everywhere and 0.99 at the label (float64 (n, classes)).

    Not 0 and 1: a sigmoid reaches those only at infinite input, so asking
    for them would drive the weights ever larger.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be one label per sample (1-D); got shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        raise ValueError(f"labels must lie in 0..{classes - 1}; got {labels.min()}..{labels.max()}")
    targets = np.full((labels.size, classes), 0.01)
    targets[np.arange(labels.size), labels.astype(np.intp)] = 0.99
    return targets


# -- the book's CSV layout -------------------------------------------------------------

CsvSource = Union[str, os.PathLike, TextIO, BinaryIO]


def read_csv(source: CsvSource) -> tuple[np.ndarray, np.ndarray]:
    """Read the book's CSV layout: ``label,p0,p1,...,p783`` per line, no header.

    ``source`` is a path, or an open file (text or bytes, e.g. an uploaded
    file). Returns images uint8 (n, 28, 28) and labels uint8 (n,). Blank lines
    are skipped. Anything else that is not such a record raises ValueError
    naming the line (counting from 1) and what is wrong with it.
    """
    text = _read_text(source)
    lines = text.splitlines()
    records = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    if not records:
        raise ValueError("the CSV file is empty: expected one line per image, label first then 784 pixels")
    try:
        values = np.loadtxt(io.StringIO(text), delimiter=",", dtype=np.int64, ndmin=2)
    except ValueError:
        values = None  # find the first bad line below, with its number
    if values is None or values.shape != (len(records), 1 + PIXELS) or _out_of_range(values):
        _raise_first_problem(records)
        raise ValueError("the CSV file could not be read as label + 784 pixels per line")  # not reached
    images = values[:, 1:].astype(np.uint8).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    return images, values[:, 0].astype(np.uint8)


def _read_text(source: CsvSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            content = handle.read()
    elif hasattr(source, "read"):
        content = source.read()
    else:
        raise ValueError(f"source must be a path or an open file; got {type(source).__name__}")
    if isinstance(content, str):
        return content
    try:
        return bytes(content).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"the CSV file is not text (byte {exc.start} is not UTF-8): is it really a CSV?") from None


def _out_of_range(values: np.ndarray) -> bool:
    labels, pixels = values[:, 0], values[:, 1:]
    return bool(labels.min() < 0 or labels.max() > 9 or pixels.min() < 0 or pixels.max() > 255)


def _raise_first_problem(records: list[tuple[int, str]]) -> None:
    """Walk the records in order and raise ValueError for the first bad one."""
    for number, line in records:
        fields = line.split(",")
        if len(fields) != 1 + PIXELS:
            raise ValueError(
                f"line {number}: {len(fields)} values, expected {1 + PIXELS} (the label, then 784 pixels)"
            )
        for column, field in enumerate(fields):
            what = "the label" if column == 0 else f"pixel {column}"
            try:
                value = int(field)
            except ValueError:
                raise ValueError(f"line {number}: {what} is {field.strip()!r}, not a whole number") from None
            low, high = (0, 9) if column == 0 else (0, 255)
            if not low <= value <= high:
                raise ValueError(f"line {number}: {what} is {value}, outside {low}..{high}")
