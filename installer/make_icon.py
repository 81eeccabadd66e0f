"""Render resources/icon.svg into a Windows .ico (16, 32, 48 and 256 px) with PySide6 only.

    python installer/make_icon.py [OUT.ico]      (default: build/gongkai-desk.ico)

The 16/32/48 px images are stored as 32-bit BMP (DIB) entries and the 256 px image as PNG,
the layout Windows Explorer, the PyInstaller bootloader resource and NSIS all accept.
Qt runs offscreen, so this works on a build machine without a display.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icon.svg"
DEFAULT_OUT = ROOT / "build" / "gongkai-desk.ico"
SIZES = (16, 32, 48, 256)


def render(size: int):
    """The SVG as a size x size premultiplied-free ARGB32 QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise SystemExit("Qt could not encode PNG")
    buf.close()
    return bytes(data.data())


def dib_bytes(image) -> bytes:
    """BITMAPINFOHEADER + bottom-up BGRA pixels + 1-bit AND mask (all zero: alpha decides)."""
    size = image.width()
    # Format_ARGB32 is 0xAARRGGBB per pixel, i.e. B, G, R, A bytes in memory on little endian.
    stride = image.bytesPerLine()
    raw = bytes(image.constBits())[: stride * size]
    rows = [raw[y * stride: y * stride + size * 4] for y in range(size)]
    if sys.byteorder != "little":  # pragma: no cover - Windows/Linux build machines are little endian
        rows = [b"".join(r[i:i + 4][::-1] for i in range(0, len(r), 4)) for r in rows]
    pixels = b"".join(reversed(rows))
    mask_stride = ((size + 31) // 32) * 4
    mask = b"\x00" * (mask_stride * size)
    header = struct.pack(
        "<IiiHHIIiiII",
        40, size, size * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0,
    )
    return header + pixels + mask


def build_ico(out: Path) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - keep alive
    images = []
    for size in SIZES:
        image = render(size)
        images.append((size, png_bytes(image) if size >= 256 else dib_bytes(image)))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + entries + blobs)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_OUT
    path = build_ico(out)
    print(f"wrote {path} ({path.stat().st_size} bytes, sizes {', '.join(map(str, SIZES))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
