"""Shared pieces of the CLI: German argparse, the command registry, store opening, output files, JSON,
table and findings output."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from bezag_desktop.config import data_dir, resolve_db_path
from bezag_desktop.domain.errors import UserError
from bezag_desktop.services.store import Store, open_store

if TYPE_CHECKING:  # for the annotation only: the GUI's start imports this module too
    from bezag_desktop.domain.findings import Finding

log = logging.getLogger(__name__)

_TRANSLATIONS = (
    ("the following arguments are required: ", "diese Angaben fehlen: "),
    ("unrecognized arguments: ", "unbekannte Angaben: "),
    ("invalid choice: ", "ungültige Auswahl: "),
    ("(choose from ", "(möglich sind: "),
    ("expected one argument", "erwartet einen Wert"),
    ("invalid int value: ", "keine ganze Zahl: "),
    ("argument ", "Angabe "),
    ("ambiguous option: ", "mehrdeutige Option: "),
    ("could match", "passt zu"),
    ("not allowed with argument", "nicht zusammen mit"),
)


def _german(message: str) -> str:
    for en, de in _TRANSLATIONS:
        message = message.replace(en, de)
    return message


class GermanHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "Aufruf: ")


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German messages; bad arguments print a German message and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="diese Hilfe anzeigen und beenden")
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {_german(message)}\n")


Handler = Callable[[argparse.Namespace, "Context"], int | None]


class Registry:
    """Where area modules hang their commands: top level, ``export …`` and ``import …``."""

    def __init__(self, sub: Any) -> None:
        self._sub = sub
        self._groups: dict[str, Any] = {}

    def command(self, name: str, help: str, handler: Handler | None = None, **kw: Any) -> GermanArgumentParser:
        parser: GermanArgumentParser = self._sub.add_parser(name, help=help, description=help, **kw)
        if handler is not None:
            parser.set_defaults(func=handler)
        return parser

    def group(self, name: str, help: str) -> Any:
        """A command with sub-commands, e.g. ``meetings show``; created once and shared."""
        if name not in self._groups:
            parser = self._sub.add_parser(name, help=help, description=help)
            parser.set_defaults(subparser=parser)
            self._groups[name] = (
                parser,
                parser.add_subparsers(
                    dest=f"{name}_command",
                    metavar="UNTERBEFEHL",
                    title="Unterbefehle",
                    parser_class=GermanArgumentParser,
                ),
            )
        return self._groups[name]

    def subcommand(self, group: str, group_help: str, name: str, help: str, handler: Handler) -> GermanArgumentParser:
        _parser, sub = self.group(group, group_help)
        parser: GermanArgumentParser = sub.add_parser(name, help=help, description=help)
        parser.set_defaults(func=handler)
        return parser

    def export(self, name: str, help: str, handler: Handler) -> GermanArgumentParser:
        return self.subcommand("export", "Dateien erzeugen (ICS, E-Mail, DOCX, XLSX)", name, help, handler)

    def meeting_export(self, name: str, help: str, handler: Handler, target: str) -> GermanArgumentParser:
        """``export NAME ID -o DATEI``: a file about one meeting; ``target`` describes the file to write."""
        parser = self.export(name, help, handler)
        parser.add_argument("id", type=int, metavar="ID", help="Nummer der Sitzung (siehe „bezag meetings“)")
        add_output(parser, target)
        return parser

    def import_(self, name: str, help: str, handler: Handler) -> GermanArgumentParser:
        return self.subcommand("import", "Daten aus Dateien übernehmen", name, help, handler)


def add_json(parser: argparse.ArgumentParser) -> None:
    """``--json``: the listing as JSON for scripts instead of a table (``print_json``)."""
    parser.add_argument("--json", action="store_true", help="als JSON ausgeben (für Skripte)")


def add_output(parser: argparse.ArgumentParser, help: str, metavar: str = "DATEI") -> None:
    """The required ``-o/--output`` of an export; read it back with ``output_path``."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help=help)


def output_path(args: argparse.Namespace, suffix: str = "") -> Path:
    """The output file; a mistyped folder is an error rather than silently created."""
    path = Path(args.output).expanduser()
    if path.is_dir():
        with_suffix = f" mit {suffix}" if suffix else ""
        raise UserError(f"„{path}“ ist ein Ordner; bitte einen Dateinamen{with_suffix} angeben.")
    if not path.parent.exists():
        raise UserError(f"Der Ordner „{path.parent}“ existiert nicht.")
    return path


@dataclass
class Context:
    """Per invocation: the ``--db`` value and the store, opened on first use."""

    db: str | None
    _store: Store | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db)

    def store(self, *, read_only: bool = False) -> Store:
        """The open store; a read-only one is swapped for a writable one when a later step needs to write."""
        if self._store is not None and self._store.read_only and not read_only:
            self.close()
        if self._store is None:
            self._store = open_store(self.db_path, read_only=read_only)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def print_findings(found: list[Finding]) -> None:
    """One line per finding: ``  Warnung  [Sitzungen] Text`` (``bezag check``, ``meetings show``)."""
    for w in found:
        print(f"  {w.level_label:<8} [{w.area_label}] {w.text}")


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """A plain aligned text table for humans (the ``--json`` form is for scripts)."""
    texts = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in texts]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in texts:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def fail_unexpected(exc: BaseException) -> int:
    """Log the traceback to a file in the data folder and tell the user in one German sentence."""
    logfile = data_dir() / "bezag-fehler.log"
    try:
        logfile.parent.mkdir(parents=True, exist_ok=True)
        with logfile.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(exc)))
        where = f" Einzelheiten: {logfile}"
    except OSError:
        where = ""
    print(f"Interner Fehler: {type(exc).__name__}: {exc}.{where}", file=sys.stderr)
    return 3
