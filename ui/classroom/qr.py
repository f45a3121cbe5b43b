"""The student link as a QR code to project (segno: a small, well-kept QR library with no dependencies)."""

from __future__ import annotations

import functools
import html

import segno


@functools.lru_cache(maxsize=64)  # the projector draws the same code again on every page run
def qr_data_url(address: str) -> str:
    """The QR code of ``address`` as an SVG data URL: dark modules on white, with the quiet zone phone cameras need."""
    return segno.make(address, error="m").svg_data_uri(scale=8, border=4, dark="#000", light="#fff")


def qr_img_html(address: str, alt: str) -> str:
    """An ``<img>`` of the QR code (a data URL, nothing fetched) with ``alt`` text; both escaped."""
    return (f'<img src="{html.escape(qr_data_url(address), quote=True)}" alt="{html.escape(alt, quote=True)}" '
            f'style="width: min(100%, 22rem); image-rendering: pixelated;">')
