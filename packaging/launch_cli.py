"""PyInstaller entry of the console program ``bezag``."""

from bezag_desktop.cli import main

raise SystemExit(main())
