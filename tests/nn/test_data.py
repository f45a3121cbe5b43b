"""MNIST from the shipped files, the book's scaling, the book's CSV layout, and rotations.

Oracles: the checksums and label counts published with the data
(/work/shared/data/README.md, copied here), the IDX format written out by hand,
and scipy's rotate applied the way the book applies it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import struct

import numpy as np
import pytest
from scipy import ndimage

from nn import data
from nn.augment import augment, rotated_copies
from nn.data import load_mnist, make_targets, read_csv, scale_inputs

# Published with the data: sha256 of the decompressed IDX files, and the label counts.
IMAGES_SHA256 = {
    "train": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "test": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
}
LABELS_SHA256 = {
    "train": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "test": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
LABEL_COUNTS = {
    "train": [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
    "test": [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
}


# -- the shipped IDX files ---------------------------------------------------------------


@pytest.mark.parametrize("split, count", [("train", 60_000), ("test", 10_000)])
def test_load_mnist_gives_every_image_byte_for_byte_with_its_label(split, count):
    images, labels = load_mnist(split)
    assert images.shape == (count, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (count,) and labels.dtype == np.uint8
    # Rebuild the IDX files from what was loaded: they must hash to the published values.
    image_file = struct.pack(">IIII", 2051, count, 28, 28) + images.tobytes()
    label_file = struct.pack(">II", 2049, count) + labels.tobytes()
    assert hashlib.sha256(image_file).hexdigest() == IMAGES_SHA256[split]
    assert hashlib.sha256(label_file).hexdigest() == LABELS_SHA256[split]
    assert np.bincount(labels, minlength=10).tolist() == LABEL_COUNTS[split]


def test_the_first_test_labels_are_the_well_known_ones():
    _, labels = load_mnist("test", limit=10)
    assert labels.tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]


def test_limit_keeps_the_first_records_in_order():
    images, labels = load_mnist("train")
    few_images, few_labels = load_mnist("train", limit=25)
    assert np.array_equal(few_images, images[:25]) and np.array_equal(few_labels, labels[:25])
    assert load_mnist("test", limit=0)[0].shape == (0, 28, 28)
    assert len(load_mnist("test", limit=10**6)[0]) == 10_000


def test_the_files_are_read_once_and_handed_out_read_only():
    first, _ = load_mnist("test")
    second, _ = load_mnist("test", limit=5)
    assert np.shares_memory(first, second)
    with pytest.raises(ValueError):
        first[0, 0, 0] = 1


@pytest.mark.parametrize("split", ["training", "t10k", "", None])
def test_an_unknown_split_raises_value_error_naming_split(split):
    with pytest.raises(ValueError, match="split"):
        load_mnist(split)


@pytest.mark.parametrize("limit", [-1, 2.5, "10", True])
def test_a_bad_limit_raises_value_error_naming_limit(limit):
    with pytest.raises(ValueError, match="limit"):
        load_mnist("test", limit=limit)


def write_gz(path, payload: bytes):
    with gzip.open(path, "wb") as handle:
        handle.write(payload)
    return path


@pytest.mark.parametrize(
    "header, body, words",
    [
        ((2049, 2, 28, 28), bytes(2 * 784), "magic"),
        ((2051, 3, 28, 28), bytes(2 * 784), "header says 3"),
        ((2051, 1, 28, 27), bytes(28 * 27), "28 x 28"),
    ],
    ids=["labels magic in an image file", "count larger than the data", "wrong image size"],
)
def test_an_image_file_with_a_bad_header_is_refused(tmp_path, header, body, words):
    path = write_gz(tmp_path / "images.gz", struct.pack(">IIII", *header) + body)
    with pytest.raises(ValueError, match=words):
        data._read_idx_images(path)


def test_a_well_formed_image_file_round_trips(tmp_path):
    pixels = np.arange(2 * 784, dtype=np.uint64).astype(np.uint8).reshape(2, 28, 28)
    path = write_gz(tmp_path / "images.gz", struct.pack(">IIII", 2051, 2, 28, 28) + pixels.tobytes())
    assert np.array_equal(data._read_idx_images(path), pixels)


@pytest.mark.parametrize(
    "payload, words",
    [
        (struct.pack(">II", 2051, 2) + bytes([1, 2]), "magic"),
        (struct.pack(">II", 2049, 5) + bytes([1, 2]), "header says 5"),
        (struct.pack(">II", 2049, 2) + bytes([1, 12]), "0..9"),
        (b"\x00\x00", "too short"),
    ],
    ids=["image magic", "count larger than the data", "label 12", "truncated header"],
)
def test_a_label_file_with_a_bad_header_or_label_is_refused(tmp_path, payload, words):
    path = write_gz(tmp_path / "labels.gz", payload)
    with pytest.raises(ValueError, match=words):
        data._read_idx_labels(path)


# -- the book's scaling --------------------------------------------------------------------


def test_scale_inputs_maps_0_to_255_onto_the_books_0_01_to_1_00():
    images = np.array([[[0, 128, 255] + [0] * 781]], dtype=np.uint8).reshape(1, 28, 28)
    inputs = scale_inputs(images)
    assert inputs.shape == (1, 784) and inputs.dtype == np.float64
    assert inputs[0, 0] == 0.01
    assert inputs[0, 1] == pytest.approx(128 / 255 * 0.99 + 0.01, abs=1e-15)
    assert inputs[0, 2] == pytest.approx(1.0, abs=1e-15)


def test_scale_inputs_takes_image_stacks_rows_or_one_image():
    images, _ = load_mnist("test", limit=4)
    stacked = scale_inputs(images)
    assert stacked.shape == (4, 784)
    assert np.array_equal(scale_inputs(images.reshape(4, 784)), stacked)
    assert np.array_equal(scale_inputs(images[0]), stacked[:1])
    assert np.array_equal(stacked[2].reshape(28, 28), images[2] / 255 * 0.99 + 0.01)
    with pytest.raises(ValueError, match="images"):
        scale_inputs(np.zeros((2, 10, 10)))


def test_scale_inputs_can_write_into_a_buffer_chunk_after_chunk():
    images, _ = load_mnist("test", limit=10)
    buffer = np.full((6, 784), np.nan)
    first = scale_inputs(images[:6], out=buffer)
    assert np.shares_memory(first, buffer) and np.array_equal(first, scale_inputs(images[:6]))
    last = scale_inputs(images[6:], out=buffer)  # a shorter chunk: the buffer's first rows
    assert last.shape == (4, 784) and np.shares_memory(last, buffer)
    assert np.array_equal(last, images[6:].reshape(4, 784) / 255 * 0.99 + 0.01)


def test_make_targets_puts_0_99_at_the_label_and_0_01_elsewhere():
    targets = make_targets(np.array([3, 0, 9], dtype=np.uint8))
    assert targets.shape == (3, 10) and targets.dtype == np.float64
    for row, label in zip(targets, [3, 0, 9]):
        assert row[label] == 0.99
        assert np.all(np.delete(row, label) == 0.01)
    assert make_targets([1], classes=3).tolist() == [[0.01, 0.99, 0.01]]


@pytest.mark.parametrize("labels", [[10], [-1], [[1, 2]]])
def test_make_targets_refuses_labels_outside_the_classes(labels):
    with pytest.raises(ValueError, match="labels"):
        make_targets(labels)


# -- the book's CSV layout -----------------------------------------------------------------


def csv_text(count=12, line_end="\n") -> str:
    images, labels = load_mnist("test", limit=count)
    return "".join(
        ",".join(str(int(v)) for v in [label, *image.ravel()]) + line_end for image, label in zip(images, labels)
    )


def test_read_csv_gives_back_the_images_and_labels_it_was_written_from(tmp_path):
    images, labels = load_mnist("test", limit=12)
    path = tmp_path / "mnist_test_12.csv"
    path.write_text(csv_text())
    for source in (path, str(path)):
        got_images, got_labels = read_csv(source)
        assert got_images.dtype == np.uint8 and got_images.shape == (12, 28, 28)
        assert got_labels.dtype == np.uint8
        assert np.array_equal(got_images, images) and np.array_equal(got_labels, labels)


@pytest.mark.parametrize(
    "make_source",
    [
        lambda text: io.StringIO(text),
        lambda text: io.BytesIO(text.encode()),
        lambda text: io.BytesIO(b"\xef\xbb\xbf" + text.encode()),  # a byte-order mark, as some editors save
        lambda text: io.StringIO(text.replace("\n", "\r\n")),
        lambda text: io.StringIO(text + "\n\n"),
        lambda text: io.StringIO(text.rstrip("\n")),
    ],
    ids=["text file", "bytes file", "utf-8 BOM", "CRLF line ends", "trailing blank lines", "no final newline"],
)
def test_read_csv_accepts_open_files_in_every_common_shape(make_source):
    images, labels = load_mnist("test", limit=12)
    got_images, got_labels = read_csv(make_source(csv_text()))
    assert np.array_equal(got_images, images) and np.array_equal(got_labels, labels)


def damage(line: int, change) -> str:
    lines = csv_text(5).splitlines()
    lines[line - 1] = change(lines[line - 1])
    return "\n".join(lines) + "\n"


MALFORMED = [
    ("", "empty"),
    ("\n \n", "empty"),
    (damage(3, lambda line: line.rsplit(",", 1)[0]), "line 3: 784 values, expected 785"),
    (damage(2, lambda line: line + ",0"), "line 2: 786 values"),
    (damage(4, lambda line: "x" + line[1:]), "line 4: the label is 'x', not a whole number"),
    (damage(1, lambda line: line.replace(",0,", ",zero,", 1)), "line 1: pixel \\d+ is 'zero', not a whole number"),
    (damage(5, lambda line: line.replace(",0,", ",256,", 1)), "line 5: pixel \\d+ is 256, outside 0..255"),
    (damage(2, lambda line: line.replace(",0,", ",-1,", 1)), "line 2: pixel \\d+ is -1, outside 0..255"),
    (damage(3, lambda line: "10" + line[1:]), "line 3: the label is 10, outside 0..9"),
    (damage(1, lambda line: line.replace(",0,", ",3.5,", 1)), "line 1: pixel \\d+ is '3.5', not a whole number"),
    (damage(2, lambda line: line.replace(",0,", ",,", 1)), "line 2: pixel \\d+ is '', not a whole number"),
    ("label," + ",".join(f"pixel{i}" for i in range(784)) + "\n" + csv_text(2), "line 1: the label is 'label'"),
]


@pytest.mark.parametrize("text, message", MALFORMED, ids=[
    "empty file", "only blank lines", "a pixel missing", "a pixel too many", "label not a number",
    "pixel not a number", "pixel 256", "pixel -1", "label 10", "fractional pixel", "empty field", "header line",
])
def test_a_malformed_csv_raises_value_error_naming_the_line_and_the_problem(text, message):
    with pytest.raises(ValueError, match=message):
        read_csv(io.StringIO(text))


def test_a_binary_file_is_not_taken_for_a_csv():
    with pytest.raises(ValueError, match="not text"):
        read_csv(io.BytesIO(gzip.compress(b"1,2,3")))


def test_read_csv_counts_lines_from_the_file_including_blank_ones():
    text = "\n" + damage(2, lambda line: line.rsplit(",", 1)[0])
    with pytest.raises(ValueError, match="line 3:"):
        read_csv(io.StringIO(text))


# -- rotations -----------------------------------------------------------------------------


def test_rotated_copies_are_plus_degrees_then_minus_degrees_in_image_order():
    images, _ = load_mnist("test", limit=3)
    turned = rotated_copies(images, 90)
    assert turned.shape == (6, 28, 28) and turned.dtype == np.uint8
    # a quarter turn lands pixel centres on pixel centres, so it must equal numpy's exact rot90
    assert np.array_equal(turned[:3], np.rot90(images, k=1, axes=(1, 2)))
    assert np.array_equal(turned[3:], np.rot90(images, k=-1, axes=(1, 2)))
    assert np.array_equal(rotated_copies(images, 0)[:3], images)


def test_rotated_copies_match_the_books_rotation_of_scaled_images():
    images, _ = load_mnist("test", limit=5)
    turned = scale_inputs(rotated_copies(images, 10.0)).reshape(10, 28, 28)
    # the book: scipy.ndimage.rotate(scaled_input, +/-10, cval=0.01, order=1, reshape=False)
    book = [
        ndimage.rotate(scaled.reshape(28, 28), angle, cval=0.01, order=1, reshape=False)
        for angle in (10.0, -10.0) for scaled in scale_inputs(images)
    ]
    worst = float(np.max(np.abs(turned - np.array(book))))
    assert worst <= 0.5 / 255 * 0.99 + 1e-12, f"largest difference from the book's rotation {worst:.3g}"
    ink = images.sum(axis=(1, 2)).astype(float)
    assert np.allclose(rotated_copies(images, 10.0).sum(axis=(1, 2)), np.tile(ink, 2), rtol=0.02)


def test_augment_gives_each_image_then_its_two_rotations_with_the_labels_repeated():
    images, labels = load_mnist("test", limit=4)
    more_images, more_labels = augment(images, labels, degrees=10.0)
    turned = rotated_copies(images, 10.0)
    assert more_images.shape == (12, 28, 28) and more_images.dtype == np.uint8
    assert more_labels.tolist() == np.repeat(labels, 3).tolist()
    for index in range(4):
        assert np.array_equal(more_images[3 * index], images[index])
        assert np.array_equal(more_images[3 * index + 1], turned[index])
        assert np.array_equal(more_images[3 * index + 2], turned[4 + index])


@pytest.mark.parametrize(
    "images, degrees, words",
    [
        (np.zeros((2, 28, 28)), 10, "uint8"),
        (np.zeros((28, 28), dtype=np.uint8), 10, "shape"),
        (np.zeros((2, 28, 28), dtype=np.uint8), float("nan"), "degrees"),
        (np.zeros((2, 28, 28), dtype=np.uint8), 400, "degrees"),
        (np.zeros((2, 28, 28), dtype=np.uint8), "ten", "degrees"),
    ],
)
def test_rotations_refuse_bad_arguments_by_name(images, degrees, words):
    with pytest.raises(ValueError, match=words):
        rotated_copies(images, degrees)


def test_augment_refuses_labels_that_do_not_pair_with_the_images():
    with pytest.raises(ValueError, match="labels"):
        augment(np.zeros((3, 28, 28), dtype=np.uint8), [1, 2])
