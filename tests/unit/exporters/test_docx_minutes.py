"""The minutes DOCX, written from plain data and re-read with python-docx (issue 7, item 1)."""

from __future__ import annotations

import os
import statistics
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from bezag_desktop.config import resources_dir
from bezag_desktop.domain.errors import ValidationError
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters import verify
from bezag_desktop.exporters.docx_minutes import (
    ActionData,
    Attendee,
    ElectionData,
    ItemData,
    MinutesData,
    QuorumData,
    attendee_line,
    visible_items,
    vote_text,
    write_minutes,
)
from bezag_desktop.exporters.election_data import BallotData
from bezag_desktop.exporters.invitation import Signatory

TEMPLATE = resources_dir() / "templates" / "niederschrift.docx"
BODIES = ("Bezirk Oberbayern", "Landkreis Ebersberg", "Landkreis Dachau")


def data(**kw) -> MinutesData:
    base = MinutesData(
        committee="Bezirksarbeitsgemeinschaft Sozialplanung",
        meeting_title="1. Sitzung 2027",
        meeting_kind="ordentlich",
        start=datetime(2027, 3, 10, 10, 0),
        end=datetime(2027, 3, 10, 13, 30),
        location="Landratsamt Ebersberg, Sitzungssaal 1",
        approved=False,
        chairs=(
            Signatory("Dr. Maria Pröbstl", "Vorsitz Bezirk"),
            Signatory("Josef Mößmer", "Vorsitz Landkreise/Städte"),
        ),
        minute_taker="Eva Schreiber",
        attendees=(
            Attendee("Dr. Maria Pröbstl", "Bezirk Oberbayern", "vorsitz", "anwesend", person_id=1),
            Attendee(
                "Dr. Anna Huber",
                "Landkreis Ebersberg",
                "mitglied",
                "vertreten",
                stood_in_by="Jonas Weiß",
                person_id=2,
                stood_in_by_id=3,
            ),
            Attendee("Jonas Weiß", "Landkreis Ebersberg", "stellvertretung", "anwesend", person_id=3),
            Attendee("Josef Loibl", "Landkreis Dachau", "mitglied", "entschuldigt", person_id=4),
            Attendee("Gabi Gast", "", "gast", "anwesend", organisation="Caritasverband", person_id=5),
            Attendee("Josef Mößmer", "", "vorsitz", "anwesend", person_id=6),
        ),
        bodies=BODIES,
        quorum=QuorumData(present_bodies=2, required=2, voting_bodies=3),
        items=(
            ItemData(1, "1", "Begrüßung", presenter="Dr. Maria Pröbstl", notes="Die Vorsitzende begrüßt."),
            ItemData(
                2,
                "2",
                "Gemeinsamer Datenbericht",
                kind="beschluss",
                resolution="Die BezAG beschließt den Datenbericht.",
                votes_yes=19,
                votes_no=2,
                votes_abstain=1,
                result="beschlossen",
            ),
            ItemData(
                3,
                "3",
                "Personalangelegenheiten",
                kind="beschluss",
                public=False,
                resolution="Geheimer Beschluss zur Stelle.",
                unanimous=True,
                result="beschlossen",
            ),
            ItemData(4, "3.1", "Unterpunkt vertraulich", level=1, parent_id=3, notes="Vertrauliche Aussprache."),
            ItemData(
                5,
                "4",
                "Wahl des Vorsitzes",
                kind="wahl",
                elections=(
                    ElectionData(
                        office="Vorsitz der Landkreise und kreisfreien Städte",
                        electorate=23,
                        candidates=("Josef Mößmer", "Sabine Lang"),
                        rounds=(
                            BallotData(1, "wahlgang", 23, 1, 1, (("Josef Mößmer", 10), ("Sabine Lang", 11))),
                            BallotData(2, "stichwahl", 22, 0, 0, (("Josef Mößmer", 13), ("Sabine Lang", 9))),
                        ),
                        elected="Josef Mößmer",
                        term_start=date(2027, 3, 10),
                        term_end=date(2030, 3, 9),
                    ),
                ),
            ),
        ),
        actions=(
            ActionData("Kennzahlen melden", "Landkreis Dachau", date(2027, 4, 30), "offen", "2", 2),
            ActionData("Vertrauliches vorbereiten", "Eva Schreiber", None, "in_arbeit", "3", 3),
        ),
        signers=(
            Signatory("Dr. Maria Pröbstl", "Vorsitz Bezirk"),
            Signatory("Josef Mößmer", "Vorsitz Landkreise/Städte"),
            Signatory("Eva Schreiber", "Schriftführung"),
        ),
    )
    return replace(base, **kw)


def all_text(document) -> str:
    """Body paragraphs and every table cell (nested included), headers and footers."""
    return "\n".join(p.text for p in dc.iter_paragraphs(document))


def write_and_read(tmp_path: Path, minutes: MinutesData, *, public: bool = False, name: str = "n.docx"):
    path = write_minutes(minutes, tmp_path / name, template=TEMPLATE, public=public)
    return docx.Document(str(path)), path


def _header_texts(document) -> str:
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def test_shared_checker_accepts_the_minutes(tmp_path: Path) -> None:
    """The same checks the self-test runs on the office PC (exporters.verify)."""
    minutes = data()
    _, path = write_and_read(tmp_path, minutes)
    expected = [f"TOP {i.number} {i.title}" for i in minutes.items]
    expected += ["Jonas Weiß i. V. für Dr. Anna Huber", "ENTWURF", "Die BezAG beschließt den Datenbericht."]
    # two tables repeat their header row on every page: the attendance and the action items
    assert verify.check_docx(path, expect_text=expected, repeated_header_tables=2) == []
    _, public = write_and_read(tmp_path, minutes, public=True, name="p.docx")
    assert verify.check_docx(public, forbid_text=["Personalangelegenheiten", "Geheimer Beschluss"]) == []


def test_page_language_and_footer_fields(tmp_path: Path) -> None:
    d, path = write_and_read(tmp_path, data())
    section = d.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert d.core_properties.language == "de-DE"
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "de-DE"
    assert d.settings.element.find(qn("w:autoHyphenation")).get(qn("w:val")) == "true"
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    assert "Seite" in section.footer.paragraphs[0].text
    assert " von " in section.footer.paragraphs[0].text
    # the header names committee and meeting
    header = _header_texts(d)
    assert "Bezirksarbeitsgemeinschaft Sozialplanung" in header
    assert "1. Sitzung 2027 am 10.03.2027" in header
    assert "{{" not in all_text(d)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None


def test_title_block(tmp_path: Path) -> None:
    d, _ = write_and_read(tmp_path, data())
    text = all_text(d)
    for expected in (
        "Bezirksarbeitsgemeinschaft Sozialplanung",
        "1. Sitzung 2027 (ordentlich)",
        "Mittwoch, 10.03.2027",
        "Landratsamt Ebersberg, Sitzungssaal 1",
        "10:00 Uhr",
        "13:30 Uhr",
        "Dr. Maria Pröbstl (Vorsitz Bezirk)",
        "Josef Mößmer (Vorsitz Landkreise/Städte)",
        "Eva Schreiber",
    ):
        assert expected in text, expected


def test_attendance_table_grouped_with_stand_in_and_repeated_header(tmp_path: Path) -> None:
    d, _ = write_and_read(tmp_path, data())
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Körperschaft")
    first = table.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in table.rows[1:]}
    assert list(rows)[:4] == ["Vorsitz", *BODIES]
    assert rows["Vorsitz"][0] == "Josef Mößmer (Vorsitz)"
    assert rows["Landkreis Ebersberg"][0] == "Jonas Weiß i. V. für Dr. Anna Huber"
    assert "Dr. Maria Pröbstl (Vorsitz)" in rows["Bezirk Oberbayern"][0]
    assert rows["Landkreis Dachau"] == ("–", "Josef Loibl (entschuldigt)")
    assert "Gabi Gast (Caritasverband)" in rows["Gäste"][0]
    text = all_text(d)
    assert "2 von 3 Mitgliedskörperschaften sind vertreten (erforderlich: 2). Die Sitzung ist beschlussfähig." in text


def test_every_item_and_resolution_with_votes_and_shading(tmp_path: Path) -> None:
    minutes = data()
    d, _ = write_and_read(tmp_path, minutes)
    paragraphs = [p.text for p in d.paragraphs]
    for item in minutes.items:
        assert any(p.startswith(f"TOP {item.number} {item.title}") for p in paragraphs), item.title
    resolution = next(p for p in d.paragraphs if "Die BezAG beschließt den Datenbericht." in p.text)
    assert resolution.text.startswith("Beschluss: ")
    assert resolution._p.pPr.find(qn("w:shd")).get(qn("w:fill")) == "E2EBF5"
    assert "Abstimmung: 19 ja, 2 nein, 1 Enthaltung – Ergebnis: beschlossen" in paragraphs
    assert "Abstimmung: einstimmig – Ergebnis: beschlossen" in paragraphs
    assert "Berichterstattung: Dr. Maria Pröbstl" in paragraphs
    assert "Die Vorsitzende begrüßt." in paragraphs


def test_election_rounds_and_result(tmp_path: Path) -> None:
    d, _ = write_and_read(tmp_path, data())
    text = all_text(d)
    assert "Wahl: Vorsitz der Landkreise und kreisfreien Städte" in text
    assert "1. Wahlgang: 23 abgegebene Stimmzettel, davon 1 leer und 1 ungültig; 21 gültige Stimmen." in text
    assert "Sabine Lang: 11" in text
    assert "2. Stichwahl: 22 abgegebene Stimmzettel; 22 gültige Stimmen. Josef Mößmer: 13, Sabine Lang: 9." in text
    assert "Gewählt ist Josef Mößmer für die Amtszeit vom 10.03.2027 bis 09.03.2030." in text


def test_action_table_has_repeated_header(tmp_path: Path) -> None:
    d, _ = write_and_read(tmp_path, data())
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "TOP")
    assert [c.text for c in table.rows[0].cells] == ["TOP", "Aufgabe", "Zuständig", "Frist", "Status"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[1].cells] == [
        "2",
        "Kennzahlen melden",
        "Landkreis Dachau",
        "30.04.2027",
        "offen",
    ]
    assert table.rows[2].cells[4].text == "in Arbeit"


def test_signature_block_for_both_chairs_and_minute_taker(tmp_path: Path) -> None:
    d, _ = write_and_read(tmp_path, data())
    sig = d.tables[-1]
    cells = sig.rows[0].cells
    assert [c.paragraphs[-2].text for c in cells] == ["Dr. Maria Pröbstl", "Josef Mößmer", "Eva Schreiber"]
    assert [c.paragraphs[-1].text for c in cells] == ["Vorsitz Bezirk", "Vorsitz Landkreise/Städte", "Schriftführung"]
    line = cells[0].paragraphs[-2]._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert line.get(qn("w:val")) == "single"


def test_draft_marked_until_approved(tmp_path: Path) -> None:
    draft, _ = write_and_read(tmp_path, data(), name="entwurf.docx")
    assert "ENTWURF" in _header_texts(draft)
    assert draft.paragraphs[0].text == "ENTWURF – Niederschrift"
    assert draft.core_properties.subject == "Niederschrift (ENTWURF)"
    final, _ = write_and_read(
        tmp_path,
        data(approved=True, approved_on=date(2027, 7, 8), approved_in="2. Sitzung 2027"),
        name="genehmigt.docx",
    )
    assert "ENTWURF" not in all_text(final)
    assert "ENTWURF" not in (final.core_properties.subject or "")
    assert final.paragraphs[0].text == "Niederschrift"
    assert "Genehmigt in der 2. Sitzung 2027 am 08.07.2027." in [p.text for p in final.paragraphs]


def test_public_version_leaves_out_non_public_items(tmp_path: Path) -> None:
    full, _ = write_and_read(tmp_path, data(), name="voll.docx")
    public, _ = write_and_read(tmp_path, data(), public=True, name="oeffentlich.docx")
    assert "Personalangelegenheiten" in all_text(full)
    text = all_text(public)
    for hidden in (
        "Personalangelegenheiten",
        "Geheimer Beschluss",
        "Unterpunkt vertraulich",
        "Vertrauliches vorbereiten",
    ):
        assert hidden not in text
    assert "Öffentliche Fassung" in text
    assert "Gemeinsamer Datenbericht" in text
    assert "Kennzahlen melden" in text


def test_hostile_user_text_keeps_the_file_readable(tmp_path: Path) -> None:
    nasty = "Steuer\x00zei\x08chen\x1b und \ufffe" + " " + "X" * 3000
    minutes = data(
        committee="AG \x01Wohnen",
        location="   ",
        items=(
            ItemData(1, "1", "Titel\x0b mit Steuerzeichen", notes=nasty, resolution="   \n\t  "),
            ItemData(2, "2", " ", presenter="\x02", notes="\n\n\n"),
            ItemData(3, "3", "W" * 500, resolution="Beschluss " + "Y" * 2000, votes_yes=1),
        ),
        attendees=(Attendee("N\x07ame " + "Z" * 300, "Landkreis Dachau", "mitglied", "anwesend"),),
        actions=(ActionData("A" * 1000, "\x03", None, "offen", ""),),
    )
    d, path = write_and_read(tmp_path, minutes)
    text = all_text(d)
    assert "Steuerzeichen und" in text
    assert "AG Wohnen" in _header_texts(d)
    assert "X" * dc.LONG_WORD_CHUNK in text
    assert ("X" * 3000) in text.replace(dc.ZERO_WIDTH_SPACE, "")
    with zipfile.ZipFile(path) as z:
        document_xml = z.read("word/document.xml")
    assert b"\x00" not in document_xml
    assert b"\x1b" not in document_xml


def test_text_of_only_control_characters_or_blanks_leaves_no_empty_labels(tmp_path: Path) -> None:
    minutes = data(
        items=(
            ItemData(1, "1", "Bericht", presenter="\x02\x03", notes="\x01", resolution="\x07 \x08", votes_yes=3),
            ItemData(2, "2", "Zeilenumbruch\x0baus Word", presenter="   "),
        )
    )
    d, path = write_and_read(tmp_path, minutes)
    paragraphs = [p.text for p in d.paragraphs]
    assert not any(p.startswith(("Berichterstattung:", "Beschluss:")) for p in paragraphs)
    assert "Abstimmung: 3 ja, 0 nein, 0 Enthaltungen" in paragraphs
    # Word's manual line break becomes a line break, not glued words
    assert "TOP 2 Zeilenumbruch\naus Word" in paragraphs
    assert verify.check_docx(path) == []


def test_election_item_resolution_points_to_the_ballot_rounds(tmp_path: Path) -> None:
    base = data()
    wahl = next(i for i in base.items if i.elections)
    item = replace(wahl, resolution="Josef Mößmer ist gewählt.", result="beschlossen")
    d, _ = write_and_read(tmp_path, data(items=(item,)))
    paragraphs = [p.text for p in d.paragraphs]
    assert "Abstimmung: siehe Wahlgänge – Ergebnis: beschlossen" in paragraphs
    assert not any("ohne Abstimmungsergebnis" in p for p in paragraphs)


def test_members_sent_by_partner_organisations_are_no_guests(tmp_path: Path) -> None:
    """Working groups and networks: a partner's member gets the organisation's row, a guest stays a guest."""
    minutes = data(
        bodies=(),
        attendees=(
            Attendee("Peter Rößler", "Landkreis Landsberg am Lech", "mitglied", "anwesend", person_id=1),
            Attendee("Josef Fößl", "", "mitglied", "anwesend", organisation="AOK Bayern", person_id=2),
            Attendee("Lena Eberl", "", "mitglied", "entschuldigt", organisation="Lebenshilfe e.V.", person_id=3),
            Attendee("Gabi Gast", "", "gast", "anwesend", organisation="Caritasverband", person_id=4),
        ),
        quorum=QuorumData(present_bodies=1, required=1, voting_bodies=1),
    )
    d, _ = write_and_read(tmp_path, minutes)
    table = next(t for t in d.tables if t.rows[0].cells[1].text == "Anwesend")
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in table.rows}
    assert table.rows[0].cells[0].text == "Körperschaft / Organisation"
    assert list(rows)[1:] == ["Landkreis Landsberg am Lech", "AOK Bayern", "Lebenshilfe e.V.", "Gäste"]
    assert rows["AOK Bayern"] == ("Josef Fößl", "")
    assert rows["Lebenshilfe e.V."] == ("–", "Lena Eberl (entschuldigt)")
    assert rows["Gäste"][0] == "Gabi Gast (Caritasverband)"
    assert "1 von 1 Mitgliedskörperschaften ist vertreten" in all_text(d)


def test_no_quorum_verdict_before_attendance_is_recorded(tmp_path: Path) -> None:
    """Minutes prepared before the meeting must not declare it "nicht beschlussfähig"."""
    nobody = tuple(replace(a, status=None) for a in data().attendees)
    d, _ = write_and_read(tmp_path, data(attendees=nobody, quorum=QuorumData(0, 2, 3)))
    text = all_text(d)
    assert "Die Anwesenheit ist noch nicht erfasst. Erforderlich sind 2 von 3 Mitgliedskörperschaften." in text
    assert "nicht beschlussfähig" not in text


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_written_file_is_readable_for_colleagues(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; the finished export must not stay private to one account."""
    _, path = write_and_read(tmp_path, data())
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o664)
    write_and_read(tmp_path, data())  # replacing keeps the old file's permissions
    assert path.stat().st_mode & 0o777 == 0o664
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_own_template_is_checked(tmp_path: Path) -> None:
    plain = docx.Document()
    plain.add_paragraph("Kein Platzhalter")
    path = tmp_path / "eigene.docx"
    plain.save(str(path))
    with pytest.raises(ValidationError, match=r"Platzhalter „\{\{INHALT\}\}“"):
        write_minutes(data(), tmp_path / "n.docx", template=path)


def test_own_template_content_lands_at_placeholder(tmp_path: Path) -> None:
    own = docx.Document()
    own.add_paragraph("Briefkopf der Geschäftsstelle")
    own.add_paragraph("{{INHALT}}")
    own.add_paragraph("Fußzeile im Text")
    path = tmp_path / "eigene.docx"
    own.save(str(path))
    d = docx.Document(str(write_minutes(data(), tmp_path / "n.docx", template=path)))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "Briefkopf der Geschäftsstelle"
    assert texts[1] == "ENTWURF – Niederschrift"
    assert texts[-1] == "Fußzeile im Text"


def test_helpers() -> None:
    assert vote_text(ItemData(1, "1", "x", unanimous=True)) == "einstimmig"
    assert vote_text(ItemData(1, "1", "x", unanimous=True, votes_abstain=2)) == "einstimmig bei 2 Enthaltungen"
    assert vote_text(ItemData(1, "1", "x", votes_yes=3, votes_no=0, votes_abstain=1)) == "3 ja, 0 nein, 1 Enthaltung"
    assert vote_text(ItemData(1, "1", "x")) == ""
    assert attendee_line(Attendee("A", "B", "mitglied", "online")) == "A (online)"
    assert attendee_line(Attendee("A", "B", "mitglied", "vertreten", stood_in_by="C")) == "C i. V. für A"
    items = data().items
    assert [i.id for i in visible_items(items, public=True)] == [1, 2, 5]
    assert len(visible_items(items, public=False)) == 5


def _big() -> MinutesData:
    bodies = tuple(f"Landkreis {i:02d}" for i in range(24))
    attendees = tuple(
        Attendee(f"Person {i}", bodies[i % 24], "mitglied" if i < 48 else "stellvertretung", "anwesend")
        for i in range(60)
    )
    items = tuple(
        ItemData(
            i,
            str(i),
            f"Punkt {i}",
            presenter="Referent",
            notes="Aussprache. " * 20,
            resolution="Beschluss." if i % 3 == 0 else "",
            votes_yes=10 if i % 3 == 0 else None,
            result="beschlossen" if i % 3 == 0 else "kenntnis",
        )
        for i in range(1, 41)
    )
    actions = tuple(ActionData(f"Aufgabe {i}", "Person", date(2027, 5, 1), "offen", str(i), i) for i in range(1, 21))
    return data(attendees=attendees, bodies=bodies, items=items, actions=actions)


def test_forty_items_and_sixty_participants_well_under_a_second(tmp_path: Path) -> None:
    big = _big()
    write_minutes(big, tmp_path / "warm.docx", template=TEMPLATE)
    times = []
    for n in range(3):
        t0 = time.perf_counter()
        path = write_minutes(big, tmp_path / f"gross{n}.docx", template=TEMPLATE)
        times.append(time.perf_counter() - t0)
    assert statistics.median(times) < 1.0, times
    d = docx.Document(str(path))
    assert sum(1 for p in d.paragraphs if p.text.startswith("TOP ")) == 40
