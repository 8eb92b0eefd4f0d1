"""``bezag export minutes|attendance-sheet|minutes-eml|contacts|attendance|actions|elections``."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from factories import plenary_meeting

from bezag_desktop.cli import main
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters import pdf, verify
from bezag_desktop.services.store import Store


def _text(path: Path) -> str:
    return "\n".join(p.text for p in dc.iter_paragraphs(docx.Document(str(path))))


def test_export_minutes_docx_and_public(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plenary_meeting(store)
    out = tmp_path / "n.docx"
    assert main(["--db", str(db_path), "export", "minutes", str(plan.meeting_id), "-o", str(out)]) == 0
    assert "Niederschrift als DOCX geschrieben" in capsys.readouterr().out
    assert verify.check_docx(out, expect_text=[plan.secret_item_title, "ENTWURF"], repeated_header_tables=2) == []
    public = tmp_path / "p.docx"
    assert main(["--db", str(db_path), "export", "minutes", str(plan.meeting_id), "-o", str(public), "--public"]) == 0
    assert plan.secret_item_title not in _text(public)
    assert "öffentliche Fassung" in capsys.readouterr().out


def test_export_minutes_errors(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plenary_meeting(store)
    assert main(["--db", str(db_path), "export", "minutes", "999", "-o", str(tmp_path / "x.docx")]) == 1
    assert "Fehler: Die Sitzung Nr. 999 gibt es nicht." in capsys.readouterr().err
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    assert main(["--db", str(db_path), "export", "minutes", str(plan.meeting_id), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "LibreOffice oder Microsoft Word" in capsys.readouterr().err
    with pytest.raises(SystemExit) as ex:
        main(["--db", str(db_path), "export", "minutes", str(plan.meeting_id)])
    assert ex.value.code == 2


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")
def test_export_minutes_pdf(store: Store, db_path: Path, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    out = tmp_path / "n.pdf"
    assert main(["--db", str(db_path), "export", "minutes", str(plan.meeting_id), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_export_attendance_sheet_and_eml(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plenary_meeting(store)
    sheet = tmp_path / "a.docx"
    assert main(["--db", str(db_path), "export", "attendance-sheet", str(plan.meeting_id), "-o", str(sheet)]) == 0
    assert "Unterschrift" in _text(sheet)
    eml = tmp_path / "n.eml"
    assert (
        main(["--db", str(db_path), "export", "minutes-eml", str(plan.meeting_id), "-o", str(eml), "--pdf", "nein"])
        == 0
    )
    out = capsys.readouterr().out
    assert "An 48 Empfänger" in out
    assert eml.read_bytes().startswith(b"X-Unsent: 1")


def test_export_lists(store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plenary_meeting(store)
    base = ["--db", str(db_path), "export"]
    assert main([*base, "contacts", "-o", str(tmp_path / "k.xlsx")]) == 0
    assert (
        main(
            [
                *base,
                "contacts",
                "-o",
                str(tmp_path / "v.xlsx"),
                "--committee",
                "Bezirksarbeitsgemeinschaft Sozialplanung",
            ]
        )
        == 0
    )
    assert openpyxl.load_workbook(tmp_path / "v.xlsx").worksheets[0].max_row == 49
    assert main([*base, "attendance", "--year", "2026", "-o", str(tmp_path / "a.xlsx")]) == 0
    assert (
        openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0].cell(row=25, column=1).value
        == "Landkreis Weilheim-Schongau"
    )
    assert main([*base, "actions", "-o", str(tmp_path / "o.xlsx")]) == 0
    assert main([*base, "elections", "-o", str(tmp_path / "w.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Anwesenheitsmatrix geschrieben" in out
    assert "(24 Zeilen; Tabellenblatt: Anwesenheit 2026)" in out
    assert "Wahlergebnisse geschrieben" in out
    assert "(1 Zeile; Tabellenblätter: Wahlen, Wahlgänge)" in out
    for name in ("k.xlsx", "v.xlsx", "a.xlsx", "o.xlsx", "w.xlsx"):
        assert verify.check_xlsx(tmp_path / name, min_rows=1, all_sheets=True) == [], name
    assert main([*base, "contacts", "-o", str(tmp_path / "k.xlsx"), "--committee", "Unbekannt"]) == 1
    assert "Unbekannt" in capsys.readouterr().err


def test_output_folder_must_exist_and_not_be_a_folder(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plenary_meeting(store)
    base = ["--db", str(db_path), "export"]
    assert main([*base, "minutes", str(plan.meeting_id), "-o", str(tmp_path / "fehlt" / "n.docx")]) == 1
    assert f"Der Ordner „{tmp_path / 'fehlt'}“ existiert nicht." in capsys.readouterr().err
    assert not (tmp_path / "fehlt").exists()
    assert main([*base, "actions", "-o", str(tmp_path)]) == 1
    assert "ist ein Ordner" in capsys.readouterr().err


def test_invitation_letter_as_pdf_says_what_is_missing(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 7: letters, too, are saved as PDF where a converter exists (``-o …pdf``)."""
    plan = plenary_meeting(store, status="geplant")
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    out = tmp_path / "Einladung.pdf"
    assert main(["--db", str(db_path), "export", "invitation", str(plan.meeting_id), "-o", str(out)]) == 1
    assert "LibreOffice oder Microsoft Word" in capsys.readouterr().err
    assert not out.exists()
    wrong = tmp_path / "Einladung.txt"
    assert main(["--db", str(db_path), "export", "invitation", str(plan.meeting_id), "-o", str(wrong)]) == 1
    assert ".docx (Word) oder .pdf" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")
def test_invitation_letter_as_pdf(store: Store, db_path: Path, tmp_path: Path) -> None:
    plan = plenary_meeting(store, status="geplant")
    out = tmp_path / "Einladung.pdf"
    assert main(["--db", str(db_path), "export", "invitation", str(plan.meeting_id), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
