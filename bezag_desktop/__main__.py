"""Entry point of the GUI: ``bezag-desktop`` and ``python -m bezag_desktop`` (the CLI twin is ``bezag``)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up creates mostly long-lived objects (modules, classes); collecting garbage among them
    # is wasted time. ``app.run`` switches collection back on once the first page is shown.
    gc.disable()
    from bezag_desktop.app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    sys.exit(main())
