"""The CLI's shared argument helpers: ``--output`` checked before anything is written, ``--json``,
``export NAME ID -o DATEI`` for a file about one meeting."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bezag_desktop.cli.common import GermanArgumentParser, Registry, add_json, add_output, output_path
from bezag_desktop.domain.errors import UserError


def _parser() -> GermanArgumentParser:
    parser = GermanArgumentParser(prog="bezag test")
    add_output(parser, "Zieldatei (.ics)")
    add_json(parser)
    return parser


def test_output_and_json_are_parsed(tmp_path: Path) -> None:
    args = _parser().parse_args(["-o", str(tmp_path / "a.ics"), "--json"])
    assert args.json is True
    assert output_path(args, ".ics") == tmp_path / "a.ics"
    assert _parser().parse_args(["--output", str(tmp_path / "b.ics")]).json is False


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args([])
    assert "diese Angaben fehlen: -o/--output" in capsys.readouterr().err


def test_a_folder_is_refused_in_german(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"ist ein Ordner; bitte einen Dateinamen mit \.ics angeben\."):
        output_path(argparse.Namespace(output=str(tmp_path)), ".ics")
    with pytest.raises(UserError, match=r"ist ein Ordner; bitte einen Dateinamen angeben\."):
        output_path(argparse.Namespace(output=str(tmp_path)))


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "a.xlsx"
    with pytest.raises(UserError, match="existiert nicht"):
        output_path(argparse.Namespace(output=str(target)))
    assert not target.parent.exists()


def _meeting_export_parser() -> GermanArgumentParser:
    parser = GermanArgumentParser(prog="bezag")
    reg = Registry(parser.add_subparsers(dest="command", parser_class=GermanArgumentParser))
    reg.meeting_export("minutes", "Niederschrift", lambda _args, _ctx: 0, "Zieldatei, .docx oder .pdf")
    return parser


def test_a_meeting_export_takes_the_meeting_number_and_the_file(tmp_path: Path) -> None:
    args = _meeting_export_parser().parse_args(["export", "minutes", "7", "-o", str(tmp_path / "n.docx")])
    assert args.id == 7
    assert output_path(args) == tmp_path / "n.docx"


def test_a_meeting_export_refuses_a_word_for_the_number_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _meeting_export_parser().parse_args(["export", "minutes", "sieben", "-o", "n.docx"])
    assert "Angabe ID: keine ganze Zahl: 'sieben'" in capsys.readouterr().err
