"""Draw the program icon once (PNG and a multi-size Windows .ico) into resources/icons/.

Run: QT_QPA_PLATFORM=offscreen python tools/build_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#1f4e79"))
    # two co-chairs with equal rights: two equal circles
    p.setBrush(QColor("#ffffff"))
    p.setPen(Qt.PenStyle.NoPen)
    r = size * 0.13
    p.drawEllipse(QRectF(size * 0.30 - r, size * 0.30 - r, 2 * r, 2 * r))
    p.drawEllipse(QRectF(size * 0.70 - r, size * 0.30 - r, 2 * r, 2 * r))
    font = QFont("DejaVu Sans", max(6, int(size * 0.26)))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(0, size * 0.48, size, size * 0.45), Qt.AlignmentFlag.AlignCenter, "AG")
    p.end()
    return img


def main() -> int:
    app = QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "bezag.png"))
    # Qt's ico writer stores one image; Windows scales it for the smaller sizes.
    draw(256).save(str(OUT / "bezag.ico"), "ICO")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
