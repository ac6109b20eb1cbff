"""The app icon exists as SVG, as a PNG at every size, and inside the .ico and .icns files."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from variorum.resources import ICON_SIZES, icon_path, resource_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # IHDR comes first
    return width, height


def test_svg_is_square_svg() -> None:
    root = ET.parse(icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = root.get("viewBox", "").split()
    assert width == height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_has_its_size_and_is_drawn(size: int) -> None:
    path = icon_path(size)
    assert png_size(path.read_bytes()) == (size, size)
    image = QImage(str(path))
    opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(0, size, 2))
    # An icon, not an empty canvas, and not a filled square either.
    assert 0.3 < opaque / (size * len(range(0, size, 2))) < 0.99


def test_ico_holds_png_sizes_up_to_256() -> None:
    data = resource_path("icons/variorum.ico").read_bytes()
    _reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert kind == 1
    sides = []
    for i in range(count):
        side, _h, _c, _r, _p, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert png_size(data[offset : offset + length])[0] == (side or 256)
        sides.append(side or 256)
    assert sides == [s for s in ICON_SIZES if s <= 256]


def test_icns_holds_png_sizes_up_to_512() -> None:
    data = resource_path("icons/variorum.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    sizes, pos = [], 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        sizes.append(png_size(data[pos + 8 : pos + length])[0])
        pos += length
    assert sizes == [16, 32, 64, 128, 256, 512]
