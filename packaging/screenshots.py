"""Take the README screenshots from the real application, offscreen, with the demo project.

    uv run python packaging/screenshots.py [--out resources/screenshots] [--dark] [--scale 2]

Writes dashboard.png, clause-wizard.png (clause 6 at 6.1.2), annex-a.png, risk-register.png
(the AI risk register with its heat map), register-ai-systems.png (the AI system inventory) and
organisation.png. The data and
settings folders are temporary, so the screenshots never show (or touch) the developer's own
projects and preferences.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)
SHOTS = (
    ("dashboard.png", "dashboard"),
    ("clause-wizard.png", "6.1.2"),
    ("annex-a.png", "A"),
    ("register-ai-systems.png", "register:ai_system"),
    ("organisation.png", "organisation"),
    ("risk-register.png", "register:risk"),
    ("documents.png", "register:document"),
    ("internal-audit.png", "register:internal_audit"),
    ("certification.png", "certification"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="dark colours instead of light")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (2 = 200%%)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="aims-screenshots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["AIMS_DESKTOP_DATA_DIR"] = str(scratch / "data")
    os.environ["AIMS_DESKTOP_SETTINGS_DIR"] = str(scratch / "settings")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QLocale

    from aims_desktop.gui.app import create_application
    from aims_desktop.gui.theme import Appearance, apply_appearance

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = create_application([])
    apply_appearance(app, Appearance.DARK if args.dark else Appearance.LIGHT)

    from aims_desktop.gui.shell.main_window import MainWindow

    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    if not window.open_demo():
        print("The demo project could not be opened.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, target in SHOTS:
        window.navigate_to(target)
        for _ in range(3):  # let pages lay out and paint what they built on being shown
            app.processEvents()
        path = args.out / name
        window.grab().save(str(path))
        print(f"Wrote {path}")
    window.release_project()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
