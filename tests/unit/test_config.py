"""Where the database is: ``--db``, ``BEZAG_DB_URL``, ``BEZAG_DB``, the embedded default."""

from __future__ import annotations

from pathlib import Path

import pytest

from bezag_desktop import config
from bezag_desktop.domain.errors import UserError

#: The real function: the autouse fixture in conftest replaces ``config.data_dir`` for every test.
REAL_DATA_DIR = config.data_dir


def test_default_is_the_local_data_folder(tmp_path: Path) -> None:
    # conftest points the data folder at tmp_path/datenordner
    assert config.resolve_db_path(None) == tmp_path / "datenordner" / "bezag.sqlite"


def test_real_data_folder_is_local_not_roaming(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    seen: dict[str, object] = {}

    def fake(appname: str, appauthor: object = None, roaming: bool = True, **_kw: object) -> str:
        seen.update(appname=appname, roaming=roaming)
        return "/lokal/bezag-desktop"

    monkeypatch.setattr(platformdirs, "user_data_dir", fake)
    assert REAL_DATA_DIR() == Path("/lokal/bezag-desktop")
    assert seen == {"appname": "bezag-desktop", "roaming": False}


def test_bezag_db_and_relative_paths_become_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BEZAG_DB", "daten/aus-umgebung.sqlite")
    assert config.resolve_db_path(None) == tmp_path / "daten" / "aus-umgebung.sqlite"
    assert config.resolve_db_path("t.sqlite") == tmp_path / "t.sqlite"  # --db beats the environment
    assert config.resolve_db_path("~/x.sqlite") == Path.home() / "x.sqlite"


def test_sqlite_url_selects_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEZAG_DB", str(tmp_path / "nicht-diese.sqlite"))
    monkeypatch.setenv("BEZAG_DB_URL", f"sqlite:///{tmp_path}/url.sqlite")
    assert config.resolve_db_path(None) == tmp_path / "url.sqlite"
    monkeypatch.setenv("BEZAG_DB_URL", f"sqlite+pysqlite:///{tmp_path}/url2.sqlite?timeout=5")
    assert config.resolve_db_path(None) == tmp_path / "url2.sqlite"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://server/bezag", "„postgresql:…“"),
        ("mysql+pymysql://u:geheim@server/bezag", "„mysql+pymysql:…“"),
        ("mssql+pyodbc://server/bezag", "„mssql+pyodbc:…“"),
        ("bezag.sqlite", "„bezag.sqlite“"),
        ("sqlite://server/bezag.sqlite", "„sqlite:…“"),
    ],
)
def test_other_urls_are_refused_in_german(url: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEZAG_DB_URL", url)
    with pytest.raises(UserError, match="wird nicht unterstützt") as info:
        config.resolve_db_path(None)
    assert shown in info.value.message
    assert "geheim" not in info.value.message  # a password in the URL is never repeated
    assert "SQLite-Datei" in info.value.message


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite:///:memory:"])
def test_url_without_a_file_is_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEZAG_DB_URL", url)
    with pytest.raises(UserError, match="nennt keine Datei"):
        config.resolve_db_path(None)


def test_db_option_beats_a_server_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEZAG_DB_URL", "postgresql://server/bezag")
    assert config.resolve_db_path(str(tmp_path / "t.sqlite")) == tmp_path / "t.sqlite"
