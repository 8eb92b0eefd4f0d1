"""Size and start-up time of the built folder (PyInstaller), for the README.

Usage: python bench/built_startup.py "dist/BezAG Desktop" [--runs 9]
Creates a demo database with the built ``bezag``, then times ``bezag-desktop --quit-after-start``
(offscreen) and prints the folder size and the median start-up time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def folder_size(folder: Path) -> int:
    # Symbolic links (PyInstaller links some Qt libraries on Linux) are counted once, as du does.
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    exe = ".exe" if sys.platform == "win32" else ""
    gui = args.folder / f"bezag-desktop{exe}"
    cli = args.folder / f"bezag{exe}"
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        subprocess.run([str(cli), "--db", str(db), "demo"], check=True, capture_output=True, env=env)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([str(gui), "--db", str(db), "--quit-after-start"], check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
    size = folder_size(args.folder)
    print(
        f"Ordnergröße: {size / 1024 / 1024:.0f} MiB in {sum(1 for p in args.folder.rglob('*') if p.is_file() and not p.is_symlink())} Dateien"
    )
    print(f"Start bis Übersicht (Median von {args.runs}): {statistics.median(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
