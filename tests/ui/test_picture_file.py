"""Uploaded pictures: sizes judged from the header before decoding, only the formats meant, 16-bit grey read right."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib

import numpy as np
import pytest
from PIL import Image

from nn.data import load_mnist
from nn.handwriting import prepare
from ui.mnist.picture_file import LONGEST_SIDE, MAX_PIXELS, PictureRefused, decode_picture


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_rgb_png(width: int, height: int) -> bytes:
    """A valid white RGB PNG of any size, made row by row: a few kilobytes per million pixels."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * (3 * width)  # filter byte, then the row's pixels
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def saved(picture: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format, **options)
    return buffer.getvalue()


def a_digit(scale: int = 6) -> np.ndarray:
    """An MNIST digit as dark ink on white paper, ``scale`` times larger, 0..255."""
    digit = load_mnist("test", 1)[0][0].astype(np.float64)
    return 255.0 - np.kron(digit, np.ones((scale, scale)))


@pytest.mark.parametrize("width, height", [(5_000, 5_000), (40_000, 40_000), (MAX_PIXELS + 1, 1)])
def test_a_small_file_with_too_many_pixels_is_refused_from_its_header(width, height):
    data = blank_rgb_png(width, height) if width * height < 30_000_000 else None
    if data is None:  # too slow to deflate: the header alone, as a hostile file would be cut short
        data = blank_rgb_png(1, 1).replace(struct.pack(">II", 1, 1), struct.pack(">II", width, height), 1)
        data = data[:16] + data[16:33][:-4] + struct.pack(">I", zlib.crc32(data[12:29])) + data[33:]
    assert len(data) < 1_000_000
    with pytest.raises(PictureRefused) as refused:
        decode_picture(data)
    assert refused.value.reason == "too big"


PEAK_MEMORY = """
import gc, sys
from ui.mnist.picture_file import decode_picture, PictureRefused

def status(field):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) for line in lines if line.startswith(field + ":"))

data = sys.stdin.buffer.read()
gc.collect()
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # Linux: the peak (VmHWM) starts again from what is resident now
before = status("VmRSS")
try:
    decode_picture(data)
except PictureRefused:
    pass
print(status("VmHWM") - before)
"""


def peak_memory_kb(data: bytes) -> int:
    """How far a fresh process's peak memory rises above its resident memory while decoding ``data``,
    in KB: Pillow's own allocations, which tracemalloc cannot see, included (Linux's VmHWM, reset first)."""
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY], input=data, capture_output=True, check=True)
    return int(result.stdout)


def test_refusing_a_picture_bomb_costs_almost_no_memory_and_decoding_it_would_have_cost_much():
    bomb = blank_rgb_png(6_000, 5_000)  # 30 million pixels: 120 MB decoded, ~90 KB as a file
    assert len(bomb) < 200_000
    assert peak_memory_kb(bomb) < 10_000, "the bomb was decoded before its size was checked"
    allowed = blank_rgb_png(4_000, 3_000)  # a phone photo's 12 million pixels is allowed, and costs
    assert peak_memory_kb(allowed) > 30_000, "the measurement would see a decode"


@pytest.mark.parametrize("format", ["TIFF", "PPM", "ICO", "TGA", "PCX"])
def test_a_picture_in_another_format_named_png_is_refused(format):
    data = saved(Image.new("RGB", (64, 64), "white"), format)
    with pytest.raises(PictureRefused) as refused:
        decode_picture(data)
    assert refused.value.reason == "format"


def test_a_postscript_file_which_pillow_would_hand_to_ghostscript_is_refused_unread():
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n%%EOF\n"
    with pytest.raises(PictureRefused) as refused:
        decode_picture(eps)
    assert refused.value.reason == "format"


@pytest.mark.parametrize("format", ["PNG", "JPEG", "BMP", "GIF", "WEBP"])
def test_every_format_the_box_names_is_read(format):
    picture = Image.fromarray(a_digit().astype(np.uint8)).convert("RGB")
    pixels = decode_picture(saved(picture, format))
    assert pixels.shape == (168, 168, 4) and pixels.dtype == np.uint8


def test_a_16_bit_greyscale_picture_reads_as_the_same_digit_as_its_8_bit_copy():
    digit = a_digit(scale=30)  # 840 x 840: wider than the shrinking threshold
    sixteen = Image.fromarray((digit * 257).astype(np.uint16))
    assert sixteen.mode.startswith("I;16")
    eight = Image.fromarray(digit.astype(np.uint8))
    from_sixteen = prepare(decode_picture(saved(sixteen, "PNG"))).inputs
    from_eight = prepare(decode_picture(saved(eight, "PNG"))).inputs
    assert np.max(np.abs(from_sixteen - from_eight)) < 0.02


def test_a_big_photo_is_shrunk_to_the_longest_side_before_preprocessing():
    photo = Image.fromarray(np.kron(a_digit(1), np.ones((100, 100))).astype(np.uint8)).convert("RGB")
    pixels = decode_picture(saved(photo, "JPEG", quality=80))
    assert max(pixels.shape[:2]) == LONGEST_SIDE


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0" + bytes(30), bytes(1000)])
def test_truncated_or_empty_files_are_refused_not_raised(content):
    with pytest.raises(PictureRefused):
        decode_picture(content)
