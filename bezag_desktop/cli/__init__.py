"""The CLI twin ``bezag``: argparse over the services, no logic of its own.

Each area module in ``COMMAND_MODULES`` has ``register(reg: Registry)``. Messages are German,
bad arguments exit 2, errors the user can act on exit 1, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

from bezag_desktop.cli.common import Context, GermanArgumentParser, Registry, fail_unexpected
from bezag_desktop.domain.errors import UserError

#: Area modules, each with ``register(reg)``.
COMMAND_MODULES: tuple[str, ...] = (
    "bezag_desktop.cli.core",
    "bezag_desktop.cli.demo",
    "bezag_desktop.cli.members",
    "bezag_desktop.cli.meetings",
    "bezag_desktop.cli.committees",
    "bezag_desktop.cli.invitations",
    "bezag_desktop.cli.minutes",
)


def build_parser() -> GermanArgumentParser:
    parser = GermanArgumentParser(
        prog="bezag",
        description="BezAG Desktop – Befehlszeile für Verwaltung, Skripte und Tests.",
    )
    parser.add_argument(
        "--db",
        metavar="PFAD",
        help="Datenbankdatei (Standard: BEZAG_DB oder die Datenbank im lokalen Datenordner)",
    )
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle", parser_class=GermanArgumentParser)
    reg = Registry(sub)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(reg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "func", None):
        if getattr(args, "subparser", None) is not None:
            args.subparser.print_help()
        else:
            parser.print_help()
        return 2
    ctx = Context(db=args.db)
    try:
        return int(args.func(args, ctx) or 0)
    except UserError as exc:
        print(f"Fehler: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``bezag … | head``): not an error of ours.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: short German message, details in the log file
        return fail_unexpected(exc)
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
