"""Help > About: the version, and the licences of everything AIMS Desktop ships with.

The LGPL asks that users are told Qt is inside and where its licence and source are; the fonts'
licences travel with the fonts in resources/fonts and are shown here as they are.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QWidget

from aims_desktop import APP_NAME, __version__
from aims_desktop.gui.forms.ui_about import Ui_AboutDialog
from aims_desktop.gui.widgets.icons import app_icon
from aims_desktop.resources import resource_path

LICENCE_NAMES = ("licen", "ofl", "copying", "notice")


def font_licence_files(folder: Path | None = None) -> list[Path]:
    """Licence texts of the bundled fonts, whatever the font's authors named them."""
    folder = folder or resource_path("fonts")
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ("", ".txt", ".md")
        and any(word in p.name.lower() for word in LICENCE_NAMES)
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.logoLabel.setPixmap(app_icon().pixmap(64, 64))
        font = self.ui.titleLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.ui.titleLabel.setFont(font)
        self.ui.titleLabel.setText(APP_NAME)
        self.ui.versionLabel.setText(
            self.tr("Version %1 · Qt %2 · PySide6 %3 · Python %4")
            .replace("%1", __version__)
            .replace("%2", qVersion())
            .replace("%3", pyside_version)
            .replace("%4", platform.python_version())
        )
        self.ui.licencesBrowser.setHtml(self.licences_html())

    def licences_html(self) -> str:
        e = html.escape
        parts = [
            f"<h3>{e(APP_NAME)}</h3>",
            "<p>"
            + e(
                self.tr(
                    "AIMS Desktop is free and open-source software under the Apache License, "
                    "version 2.0."
                )
            )
            + ' <a href="https://www.apache.org/licenses/LICENSE-2.0">'
            + "https://www.apache.org/licenses/LICENSE-2.0</a></p>",
            f"<h3>Qt {e(qVersion())} / PySide6 {e(pyside_version)}</h3>",
            "<p>"
            + e(
                self.tr(
                    "AIMS Desktop uses the Qt toolkit through Qt for Python (PySide6), used under "
                    "the GNU Lesser General Public License version 3 (LGPLv3). You may replace "
                    "the Qt and PySide6 libraries it uses with your own builds. Their source "
                    "code is available from the Qt Project."
                )
            )
            + '<br><a href="https://www.gnu.org/licenses/lgpl-3.0.html">'
            + "https://www.gnu.org/licenses/lgpl-3.0.html</a>"
            + '<br><a href="https://www.qt.io/licensing/open-source-lgpl-obligations">'
            + "https://www.qt.io/licensing/open-source-lgpl-obligations</a>"
            + '<br><a href="https://download.qt.io/official_releases/">'
            + "https://download.qt.io/official_releases/</a></p>",
            "<h3>" + e(self.tr("Other components")) + "</h3>",
            "<p>"
            + e(
                self.tr(
                    "Python (PSF License), SQLAlchemy (MIT), pydantic (MIT), platformdirs (MIT) "
                    "and ReportLab (BSD)."
                )
            )
            + "</p>",
            "<h3>" + e(self.tr("Fonts")) + "</h3>",
        ]
        files = font_licence_files()
        if not files:
            parts.append("<p>" + e(self.tr("This build bundles no fonts of its own.")) + "</p>")
        for path in files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            # pre-wrap: the licence keeps its line breaks but wraps in a narrow window
            parts.append(
                f'<p><b>{e(path.name)}</b></p><pre style="white-space: pre-wrap">{e(text)}</pre>'
            )
        return "\n".join(parts)
