"""PyInstaller entry of the windowed program ``bezag-desktop``."""

from bezag_desktop.__main__ import main

raise SystemExit(main())
