"""Start-up time of BezAG Desktop against the floor of its stack (issue 2, item 9).

Runs, interleaved in the same environment, ``bezag-desktop --db DEMO --quit-after-start`` and a
floor script (Qt window + SQLAlchemy + one query, nothing of ours) and prints the medians and
their ratio. The goal is a ratio of at most 1.3. The demo database is made with ``bezag demo``
in a temporary folder, so the measurement never touches real data.

    python bench/startup.py [--runs 15] [--max-ratio 1.3]

Exit code 0, or 1 when ``--max-ratio`` is given and the median ratio is above it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """\
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
import sqlalchemy.orm
from sqlalchemy import create_engine, text
app = QApplication(sys.argv); w = QMainWindow()
with create_engine("sqlite:///" + sys.argv[1]).connect() as c:
    n = c.execute(text("select count(*) from sqlite_master")).scalar()
w.setCentralWidget(QLabel(str(n))); w.show()
app.processEvents(); sys.exit(0)
"""

GOAL = 1.3


def _tool(name: str) -> str:
    """The console script beside this Python (the venv's ``bin``/``Scripts``), else from PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} nicht gefunden; ist BezAG Desktop installiert (pip install -e .)?")
    return found


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} endete mit {result.returncode}:\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description="Startzeit von BezAG Desktop im Vergleich zum Boden des Stacks")
    parser.add_argument("--runs", type=int, default=15, help="Messpaare (Standard 15)")
    parser.add_argument(
        "--max-ratio", type=float, default=None, help="mit Exit 1 enden, wenn das Verhältnis darüber liegt"
    )
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="bezag-bench-") as tmp:
        folder = Path(tmp)
        # Keep the program's settings and logs out of the user's profile during the measurement.
        env["XDG_CONFIG_HOME"] = str(folder / "config")
        env["XDG_DATA_HOME"] = str(folder / "data")
        demo = folder / "demo.sqlite"
        floor = folder / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        made = subprocess.run(
            [_tool("bezag"), "--db", str(demo), "demo"], env=env, capture_output=True, text=True, check=False
        )
        if made.returncode != 0:
            raise SystemExit(f"bezag demo ist fehlgeschlagen:\n{made.stderr}")
        app_cmd = [_tool("bezag-desktop"), "--db", str(demo), "--quit-after-start"]
        floor_cmd = [sys.executable, str(floor), str(demo)]
        # One warm-up each (file cache, bytecode), not counted.
        _timed(app_cmd, env)
        _timed(floor_cmd, env)
        app_times: list[float] = []
        floor_times: list[float] = []
        ratios: list[float] = []
        for i in range(args.runs):
            # Alternate the order so drift in the machine's load hits both sides alike.
            if i % 2 == 0:
                a = _timed(app_cmd, env)
                f = _timed(floor_cmd, env)
            else:
                f = _timed(floor_cmd, env)
                a = _timed(app_cmd, env)
            app_times.append(a)
            floor_times.append(f)
            ratios.append(a / f)

    app_median = statistics.median(app_times)
    floor_median = statistics.median(floor_times)
    ratio = statistics.median(ratios)
    print(f"Läufe:                {args.runs} (abwechselnd)")
    print(f"bezag-desktop Median: {app_median * 1000:.0f} ms")
    print(f"Boden Median:         {floor_median * 1000:.0f} ms")
    print(f"Verhältnis (Median):  {ratio:.2f}  (Ziel ≤ {GOAL})")
    if args.max_ratio is not None and ratio > args.max_ratio:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
