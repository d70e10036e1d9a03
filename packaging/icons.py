"""Render the platform icon files from the SVG sources (run again when an SVG changes).

    uv run python packaging/icons.py

Writes into packaging/icons/: aims-desktop.ico and .icns (the application: Windows executables
and installer, the macOS bundle), aims-project.ico and .icns (the .aims document), and
aims-project-SIZE.png (the Linux MIME-type icon). The application's own PNGs stay in
resources/icons, where the running application reads them. ICO and ICNS hold PNG images, which
every supported Windows and macOS version reads.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "icons"
SOURCES = {
    "aims-desktop": ROOT / "resources" / "icons" / "aims-desktop.svg",
    "aims-project": OUT / "aims-project.svg",
}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG images (Windows Vista and later read PNG entries at every size)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = images[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for name, svg in SOURCES.items():
        (OUT / f"{name}.ico").write_bytes(ico({s: render_png(svg, s) for s in ICO_SIZES}))
        (OUT / f"{name}.icns").write_bytes(icns({k: render_png(svg, s) for k, s in ICNS_TYPES}))
    for size in LINUX_SIZES:
        (OUT / f"aims-project-{size}.png").write_bytes(render_png(SOURCES["aims-project"], size))
    print(f"Wrote icons to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
