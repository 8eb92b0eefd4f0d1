"""Build ``resources/templates/einladung.docx``, the bundled DIN 5008 invitation letter template.

Run once after changing ``bezag_desktop/exporters/letter_template.py`` and commit the result:
``/work/venv/bin/python tools/build_invitation_template.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bezag_desktop.exporters.letter_template import build_template  # noqa: E402


def main() -> int:
    target = ROOT / "resources" / "templates" / "einladung.docx"
    build_template(target)
    print(f"Vorlage geschrieben: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
