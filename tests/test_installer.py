"""Build the PyInstaller folder from build_installer.spec and run the built program's self-test.

Marked slow (about two minutes on two cores); `.ci/run` runs it with the rest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("PyInstaller fehlt: pip install -e '.[test]' installiert es mit (Extra 'build').")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build_installer.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    folder = work / "dist" / "BezAG Desktop"
    assert folder.is_dir()
    return folder


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEZAG_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(tmp_path)  # the built program's data folder (platformdirs) lands here
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_built_folder_has_both_programs_and_data(built: Path) -> None:
    exe = ".exe" if sys.platform == "win32" else ""
    assert (built / f"bezag-desktop{exe}").is_file()
    assert (built / f"bezag{exe}").is_file()
    installer = (built / "Installieren.cmd").read_bytes()
    assert b"%LOCALAPPDATA%\\Programs\\BezAG Desktop" in installer
    assert b"\r\n" in installer
    internal = built / "_internal"
    assert (internal / "resources" / "bodies.json").is_file()
    assert (internal / "resources" / "templates").is_dir()
    assert list((internal / "bezag_desktop" / "db" / "migrations" / "versions").glob("0001_*.py"))
    assert list(internal.rglob("qtbase_de.qm"))
    assert (internal / "docx" / "templates").is_dir()
    assert list(internal.rglob("zoneinfo/Europe/Berlin"))
    assert not list(internal.rglob("*tkinter*"))


def test_built_cli_creates_database(built: Path, tmp_path: Path) -> None:
    db = tmp_path / "kunde.sqlite"
    result = subprocess.run(
        [str(built / "bezag"), "--db", str(db), "init"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Neue Datenbank angelegt" in result.stdout
    result = subprocess.run(
        [str(built / "bezag"), "--db", str(db), "bodies", "--json"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "09175" in result.stdout


def test_built_program_self_test_passes(built: Path, tmp_path: Path) -> None:
    log = tmp_path / "selbsttest.log"
    result = subprocess.run(
        [str(built / "bezag-desktop"), "--self-test", "--log", str(log)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    text = log.read_text(encoding="utf-8")
    assert "Ergebnis: alle" in text
    assert "FEHLER" not in text
