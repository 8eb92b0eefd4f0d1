"""Migrations: every known revision upgrades to head keeping every row; models and scripts agree.

For each revision in ``KNOWN_REVISIONS`` a database is built at that revision and filled with
rows in every table that exists there (children of cascading foreign keys included: memberships,
agenda items, attendances, ballot votes, invitation recipients, ...). The rows are generated
from the schema at that revision (columns, types, foreign keys, CHECK code lists), so a table a
later revision adds is covered without touching this file. Opening the file with ``open_store``
must back it up beside itself, upgrade it, and keep every row and value.

The head revision itself cannot be "outdated"; for it the test pretends the program knows one
revision more, so the same path (identify -> backup -> migrate with foreign keys off) runs and
must keep every row. With a real second revision the earlier ones take the real path.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from bezag_desktop.db import models  # noqa: F401  (fills Base.metadata)
from bezag_desktop.db import store as dbstore
from bezag_desktop.db.base import Base
from bezag_desktop.services.store import open_store

ROWS_PER_TABLE = 3
#: Columns a migration rewrites on purpose, by table: their values are not compared after the upgrade.
TRANSFORMED_COLUMNS: dict[str, set[str]] = {}
SKIP_TABLES = {"alembic_version", "sqlite_sequence"}
REAL_HEAD = dbstore.HEAD_REVISION


# --- building a database at a revision and filling it from its own schema ---------------------------


def _tables(con: sqlite3.Connection) -> dict[str, str]:
    return {
        name: sql
        for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
        if name not in SKIP_TABLES and not name.startswith("sqlite_")
    }


def _check_lists(sql: str) -> dict[str, list[str]]:
    """``kind IN ('a', 'b')`` in a table's CHECK constraints: the allowed codes per column."""
    found: dict[str, list[str]] = {}
    for column, values in re.findall(r"(\w+) IN \(([^)]*)\)", sql):
        found[column] = re.findall(r"'([^']*)'", values)
    return found


def _value(table: str, column: str, decl: str, row: int, codes: dict[str, list[str]]) -> Any:
    decl = decl.upper()
    if column in codes:
        options = codes[column]
        return options[row % len(options)]
    if decl.startswith("DATETIME"):
        return datetime.combine(date(2026, 1, row + 1), time(10, 0)).isoformat(sep=" ", timespec="microseconds")
    if decl.startswith("DATE"):
        return date(2026, 1, row + 1).isoformat()
    if decl.startswith("TIME"):
        return time(10, row).isoformat(timespec="microseconds")
    if decl.startswith("BOOLEAN"):
        return row % 2
    if decl.startswith(("INTEGER", "INT", "BIGINT", "SMALLINT", "NUMERIC", "FLOAT", "REAL")):
        return row + 1
    length = re.search(r"\((\d+)\)", decl)
    text = f"{row + 1} {column} Ä-ö-ü-ß {table}"
    return text[: int(length.group(1))] if length else text


def _fill(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows in every table; returns what was written, per table, by primary key order."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    try:
        tables = _tables(con)
        info = {t: con.execute(f"PRAGMA table_info('{t}')").fetchall() for t in tables}
        fks = {t: con.execute(f"PRAGMA foreign_key_list('{t}')").fetchall() for t in tables}
        notnull = {t: {c[1] for c in info[t] if c[3]} for t in tables}
        # Insert in the order of NOT NULL references; nullable references are set afterwards.
        pending = set(tables)
        order: list[str] = []
        while pending:
            ready = sorted(
                t for t in pending if all(fk[2] in order or fk[2] == t for fk in fks[t] if fk[3] in notnull[t])
            )
            assert ready, f"circular NOT NULL references among {pending}"
            order.extend(ready)
            pending -= set(ready)
        for table in order:
            codes = _check_lists(tables[table])
            required_refs = {fk[3]: fk[2] for fk in fks[table] if fk[3] in notnull[table]}
            nullable_refs = {fk[3] for fk in fks[table] if fk[3] not in notnull[table]}
            for row in range(ROWS_PER_TABLE):
                values: dict[str, Any] = {}
                for _cid, name, decl, _nn, _default, pk in info[table]:
                    if pk and decl.upper().startswith("INTEGER"):
                        continue  # rowid alias: 1, 2, 3
                    if name in nullable_refs:
                        values[name] = None
                    elif name in required_refs:
                        values[name] = row + 1  # row i points at parent row i (unique pairs stay unique)
                    else:
                        values[name] = _value(table, name, decl, row, codes)
                cols = ", ".join(f'"{c}"' for c in values)
                marks = ", ".join("?" for _ in values)
                con.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', list(values.values()))
        for table in order:
            for fk in fks[table]:
                column, target = fk[3], fk[2]
                if column in notnull[table]:
                    continue
                if target == table:  # self reference: row i points at row i - 1
                    con.execute(f'UPDATE "{table}" SET "{column}" = rowid - 1 WHERE rowid > 1')
                else:
                    con.execute(f'UPDATE "{table}" SET "{column}" = rowid')
        con.commit()
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        return _snapshot(con)
    finally:
        con.close()


def _snapshot(con: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    con.row_factory = sqlite3.Row
    out: dict[str, list[dict[str, Any]]] = {}
    for table in _tables(con):
        rows = con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        out[table] = [dict(r) for r in rows]
    con.row_factory = None
    return out


def _read(path: Path) -> dict[str, list[dict[str, Any]]]:
    con = sqlite3.connect(path)
    try:
        return _snapshot(con)
    finally:
        con.close()


def _build_at(path: Path, revision: str) -> dict[str, list[dict[str, Any]]]:
    dbstore.run_migrations(path, revision)
    assert dbstore.identify(path).revision == revision
    return _fill(path)


# --- the upgrade of every known revision ------------------------------------------------------------


@pytest.mark.parametrize("revision", dbstore.KNOWN_REVISIONS)
def test_upgrade_keeps_every_row(revision: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if revision == dbstore.HEAD_REVISION:
        # Pretend a newer program: the file at today's head is then "outdated" and takes the upgrade path.
        monkeypatch.setattr(dbstore, "KNOWN_REVISIONS", (*dbstore.KNOWN_REVISIONS, "zukunft"))
        monkeypatch.setattr(dbstore, "HEAD_REVISION", "zukunft")
    path = tmp_path / "alt.sqlite"
    before = _build_at(path, revision)
    assert len(before) >= 20
    for table, rows in before.items():
        assert len(rows) == ROWS_PER_TABLE, table

    assert dbstore.identify(path).state == "outdated"
    store = open_store(path)
    try:
        assert store.report.migrated_from == revision
        backup = store.report.backup
        assert backup is not None
        assert backup.parent == path.parent
        assert dbstore.identify(backup).revision == revision
        assert _read(backup) == before  # the backup is the file as it was
        # Every mapped model can read every row through the ORM after the upgrade.
        with store.session() as s:
            for mapper in Base.registry.mappers:
                cls = mapper.class_
                table = cls.__tablename__
                if table in before:
                    assert s.scalar(select(func.count()).select_from(cls)) == len(before[table]), table
                    s.scalars(select(cls)).all()
    finally:
        store.close()

    after = _read(path)
    for table, rows in before.items():
        assert table in after, f"table {table} vanished"
        assert len(after[table]) == len(rows), table
        skip = TRANSFORMED_COLUMNS.get(table, set())
        for old, new in zip(rows, after[table], strict=True):
            kept = {k: v for k, v in old.items() if k in new and k not in skip}
            assert kept == {k: new[k] for k in kept}, table
    assert dbstore.identify(path).revision == REAL_HEAD


def test_fill_reaches_every_table_of_the_head(tmp_path: Path) -> None:
    """The generated rows cover every table of the models, children of cascading keys included."""
    path = tmp_path / "voll.sqlite"
    before = _build_at(path, dbstore.HEAD_REVISION)
    assert set(before) == set(Base.metadata.tables)
    for child in ("memberships", "agenda_items", "attendances", "ballot_votes", "invitation_recipients"):
        assert len(before[child]) == ROWS_PER_TABLE
    # Every foreign key column points somewhere in at least one row, so cascades would show as losses.
    con = sqlite3.connect(path)
    try:
        for table in before:
            for fk in con.execute(f"PRAGMA foreign_key_list('{table}')").fetchall():
                assert any(row[fk[3]] is not None for row in before[table]), f"{table}.{fk[3]}"
    finally:
        con.close()


# --- the revision list and the models agree with the scripts ------------------------------------------


def _script_directory() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(dbstore.migrations_dir()))


def test_known_revisions_match_the_scripts() -> None:
    script = _script_directory()
    chain = [rev.revision for rev in script.walk_revisions()]  # head first
    assert tuple(reversed(chain)) == dbstore.KNOWN_REVISIONS
    assert script.get_current_head() == dbstore.HEAD_REVISION
    assert len(script.get_heads()) == 1, "migrations must form one line, not branches"


def test_every_script_has_a_downgrade() -> None:
    for rev in _script_directory().walk_revisions():
        source = Path(rev.path).read_text(encoding="utf-8")
        body = source.split("def downgrade()", 1)[1]
        assert "op." in body, f"{rev.revision} has an empty downgrade()"


def test_models_match_the_migrations(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    path = tmp_path / "kopf.sqlite"
    dbstore.run_migrations(path)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diffs == [], "models and migrations differ; write a migration:\n" + "\n".join(map(str, diffs))


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    """The downgrades run (batch mode on SQLite) and the upgrade rebuilds the same schema."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "hin-und-her.sqlite"
    dbstore.run_migrations(path)
    schema = _schema(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(dbstore.migrations_dir()))
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            conn.commit()
    finally:
        engine.dispose()
    assert set(_schema(path)) <= {"alembic_version"}
    dbstore.run_migrations(path)
    assert _schema(path) == schema


def _schema(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return {
            name: sql
            for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index')")
            if not name.startswith("sqlite_")
        }
    finally:
        con.close()


# --- a real table rebuild: what a later revision in batch mode does -----------------------------------

#: A probe revision on top of the head that rebuilds every table the way batch mode does on SQLite
#: (create a copy, copy the rows, DROP the original, rename): the operation that, with foreign keys on,
#: would cascade the DROP of a parent into its children.
PROBE_REVISION = """
from alembic import op

revision = "probe"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    assert bind.exec_driver_sql("PRAGMA foreign_keys").scalar() == {expect_fk}, "foreign keys in the wrong state"
    tables = [
        name
        for (name,) in bind.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        if name != "alembic_version" and not name.startswith("sqlite_")
    ]
    for name in sorted(tables):
        with op.batch_alter_table(name, recreate="always"):
            pass


def downgrade() -> None:
    op.execute("SELECT 1")
"""


def _probe_scripts(tmp_path: Path, expect_fk: int) -> Path:
    """The real migration scripts plus the probe revision, in a scratch folder."""
    import shutil

    folder = tmp_path / f"migrations-{expect_fk}"
    shutil.copytree(dbstore.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_probe.py").write_text(
        PROBE_REVISION.format(down=dbstore.HEAD_REVISION, expect_fk=expect_fk), encoding="utf-8"
    )
    return folder


def test_rebuilding_every_table_keeps_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``open_store`` migrates with foreign keys off: rebuilding parents keeps the rows of cascading children."""
    path = tmp_path / "alt.sqlite"
    before = _build_at(path, REAL_HEAD)
    scripts = _probe_scripts(tmp_path, expect_fk=0)
    monkeypatch.setattr(dbstore, "migrations_dir", lambda: scripts)
    monkeypatch.setattr(dbstore, "KNOWN_REVISIONS", (*dbstore.KNOWN_REVISIONS, "probe"))
    monkeypatch.setattr(dbstore, "HEAD_REVISION", "probe")
    with open_store(path) as store:
        assert store.report.migrated_from == REAL_HEAD
        assert store.report.backup is not None
        assert _read(store.report.backup) == before
    assert dbstore.identify(path).revision == "probe"
    assert _read(path) == before
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA application_id").fetchone()[0] != 0
    finally:
        con.close()


def test_the_same_rebuild_with_foreign_keys_on_would_lose_rows(tmp_path: Path) -> None:
    """The control: the rows above really hang on cascading keys, so the test above can fail."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "alt.sqlite"
    before = _build_at(path, REAL_HEAD)
    cfg = Config()
    cfg.set_main_option("script_location", str(_probe_scripts(tmp_path, expect_fk=1)))
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
    finally:
        engine.dispose()
    after = _read(path)
    lost = sorted(t for t in before if len(after.get(t, [])) < len(before[t]))
    assert {"memberships", "agenda_items", "attendances", "invitation_recipients"} <= set(lost), lost
