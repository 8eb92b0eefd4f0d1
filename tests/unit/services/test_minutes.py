"""services.minutes: data from the database into the minutes, the sheet and the e-mail draft."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import docx
import pytest
from factories import plenary_meeting, set_office, working_group_meeting
from querycount import count_queries
from sqlalchemy import select

from bezag_desktop.db.models import AgendaItem, Attendance, Meeting
from bezag_desktop.domain.errors import UserError, ValidationError
from bezag_desktop.exporters import docx_common as dc
from bezag_desktop.exporters import pdf, verify
from bezag_desktop.services.meetings import minutes, minutes_content
from bezag_desktop.services.store import Store


def _text(path: Path) -> str:
    return "\n".join(p.text for p in dc.iter_paragraphs(docx.Document(str(path))))


def test_minutes_data_from_the_database(store: Store) -> None:
    plan = plenary_meeting(store)
    data = minutes_content.minutes_data(store, plan.meeting_id)
    assert data.committee == "Bezirksarbeitsgemeinschaft Sozialplanung"
    assert data.meeting_title == "2. Sitzung 2026"
    assert data.location == "Landratsamt Freising, Großer Sitzungssaal, Landshuter Straße 31, 85356 Freising"
    assert not data.approved
    assert data.minute_taker == "Eva Schreiber"
    assert [c.function for c in data.chairs] == ["Vorsitz Bezirk", "Vorsitz Landkreise/Städte"]
    assert [s.function for s in data.signers][-1] == "Schriftführung"
    assert len(data.bodies) == 24
    assert data.quorum is not None
    assert (data.quorum.present_bodies, data.quorum.required, data.quorum.voting_bodies) == (23, 13, 24)
    wahl = next(i for i in data.items if i.kind == "wahl")
    (election,) = wahl.elections
    assert election.elected == "Vorname6 Mitglied06"
    assert [r.number for r in election.rounds] == [1, 2]
    assert election.result_text
    assert [a.text for a in data.actions] == [
        "Kennzahlen an die Geschäftsstelle melden",
        "Verlängerung vertraulich vorbereiten",
    ]


def test_export_minutes_docx_draft_then_approved(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    path = minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.docx")
    text = _text(path)
    for title in [*plan.public_item_titles, plan.secret_item_title]:
        assert title in text
    assert plan.resolution in text
    assert plan.secret_resolution in text
    assert "Jonas Weiß i. V. für Dr. Anna Huber" in text
    assert "ENTWURF" in text
    assert verify.check_docx(path, expect_text=[plan.resolution, "Schriftführung"], repeated_header_tables=2) == []
    with store.session() as s:
        m = s.get(Meeting, plan.meeting_id)
        assert m is not None
        m.status = "protokoll_genehmigt"
    approved = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "g.docx"))
    assert "ENTWURF" not in approved
    assert plan.resolution in approved


def test_approval_names_the_approving_meeting_and_day_once(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    with store.session() as s:
        m = s.get(Meeting, plan.meeting_id)
        assert m is not None
        later = Meeting(
            committee_id=plan.committee_id,
            year=2026,
            number=3,
            kind="ordentlich",
            status="durchgefuehrt",
            title="3. Sitzung 2026",
            start=datetime(2026, 12, 10, 10, 0),
        )
        s.add(later)
        s.flush()
        m.status = "protokoll_genehmigt"
        m.minutes_approved_in_id = later.id
    text = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "g.docx"))
    # without a recorded day, the approving meeting's day is the day of approval
    assert "Genehmigt in der 3. Sitzung 2026 am 10.12.2026." in text
    assert " vom 10.12.2026 am " not in text


def test_working_group_members_of_partners_and_guests(store: Store, tmp_path: Path) -> None:
    wg = working_group_meeting(store)
    path = minutes.export_attendance_sheet(store, wg.meeting_id, tmp_path / "liste.docx")
    rows = [[c.text for c in r.cells] for r in docx.Document(str(path)).tables[0].rows]
    groups = [r[0] for r in rows if r[0] == r[1] == r[2] and r[0]]
    assert groups[:3] == ["Bezirk Oberbayern", wg.partner, "Gäste"]
    assert [wg.partner_member, "Mitglied", ""] in rows
    assert verify.check_docx(path, repeated_header_tables=1) == []
    text = _text(minutes.export_minutes(store, wg.meeting_id, tmp_path / "n.docx"))
    assert "Körperschaft / Organisation" in text
    assert f"{wg.guest} (Caritasverband Oberland-Isar e.V.)" in text
    assert f"{wg.partner_member} (" not in text  # a member, not a guest with an organisation


def test_minutes_prepared_before_the_meeting_give_no_quorum_verdict(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store, status="eingeladen")
    with store.session() as s:
        for row in s.scalars(select(Attendance).where(Attendance.meeting_id == plan.meeting_id)):
            row.status = None
    text = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "v.docx"))
    assert "Die Anwesenheit ist noch nicht erfasst. Erforderlich sind 13 von 24 Mitgliedskörperschaften." in text
    assert "nicht beschlussfähig" not in text


def test_public_version(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    text = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "p.docx", public=True))
    assert plan.secret_item_title not in text
    assert plan.secret_resolution not in text
    assert "Verlängerung vertraulich vorbereiten" not in text
    assert plan.resolution in text


def test_queries_do_not_grow_with_items_and_participants(store: Store, tmp_path: Path) -> None:
    small = plenary_meeting(store, items=2, extra_guests=0)
    with count_queries(store.engine) as few:
        minutes_content.minutes_data(store, small.meeting_id)
    with store.session() as s:
        m = s.get(Meeting, small.meeting_id)
        assert m is not None
        for n in range(30):
            s.add(AgendaItem(meeting_id=m.id, position=100 + n, number=str(100 + n), title=f"Weiterer Punkt {n}"))
    with count_queries(store.engine) as many:
        data = minutes_content.minutes_data(store, small.meeting_id)
    assert len(data.items) == 2 + 3 + 30
    assert len(many) == len(few)


def test_own_minutes_template_from_settings(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    own = docx.Document()
    own.add_paragraph("Corporate Design {{GREMIUM}}")
    own.add_paragraph("{{INHALT}}")
    template = tmp_path / "cd.docx"
    own.save(str(template))
    set_office(store, minutes_template=str(template))
    text = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.docx"))
    assert "Corporate Design Bezirksarbeitsgemeinschaft Sozialplanung" in text
    set_office(store, minutes_template=str(tmp_path / "fehlt.docx"))
    with pytest.raises(UserError, match="Vorlage für Niederschriften"):
        minutes.export_minutes(store, plan.meeting_id, tmp_path / "x.docx")


def test_wrong_suffix_and_cancelled_meeting(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    with pytest.raises(ValidationError, match=r"\.docx \(Word\) oder \.pdf"):
        minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.odt")
    with store.session() as s:
        m = s.get(Meeting, plan.meeting_id)
        assert m is not None
        m.status = "abgesagt"
    with pytest.raises(ValidationError, match="abgesagt"):
        minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.docx")


def test_pdf_path_without_converter_says_what_is_missing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plenary_meeting(store)
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    with pytest.raises(UserError, match="LibreOffice oder Microsoft Word"):
        minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.pdf")
    assert not (tmp_path / "n.pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")
def test_pdf_with_libreoffice(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    path = minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.pdf")
    assert path.read_bytes().startswith(b"%PDF-")


def test_attendance_sheet(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    path = minutes.export_attendance_sheet(store, plan.meeting_id, tmp_path / "a.docx")
    d = docx.Document(str(path))
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    groups = [r[0] for r in rows if r[0] == r[1] == r[2] and r[0]]
    assert groups[0] == "Bezirk Oberbayern"
    assert sum(1 for g in groups if g not in ("Gäste",) and not g.startswith("Weitere")) == 24
    assert ["Jonas Weiß", "Stellvertretung", ""] in rows
    assert any(r[0] == "Dr. Anna Huber" for r in rows)
    assert minutes.default_sheet_filename(store, plan.meeting_id) == (
        "2026-07-02 Bezirksarbeitsgemeinschaft Sozialplanung 2. Sitzung 2026 Anwesenheitsliste.docx"
    )


def test_minutes_eml(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plenary_meeting(store)
    monkeypatch.setattr(pdf, "find_converter", lambda path=None: None)
    result = minutes.export_minutes_eml(store, plan.meeting_id, tmp_path / "n.eml")
    assert result.recipients == 48  # 24 members and 24 deputies; the chairs are members too
    assert result.note.startswith("Ohne PDF-Anhang")
    msg = message_from_bytes(result.path.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].addr_spec == "geschaeftsstelle@bezag.example"
    assert "Entwurf der Niederschrift der 2. Sitzung 2026 vom 02.07.2026" in msg["Subject"]
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename().endswith("Niederschrift Entwurf.docx")
    assert verify.check_eml(result.path, calendar=False, attachments=[attachment.get_filename()]) == []
    written = tmp_path / "anhang.docx"
    written.write_bytes(attachment.get_content())
    assert plan.resolution in _text(written)
    with pytest.raises(UserError, match="LibreOffice oder Microsoft Word"):
        minutes.export_minutes_eml(store, plan.meeting_id, tmp_path / "m.eml", with_pdf=True)


def test_minutes_eml_attaches_a_pdf_just_written_without_converting_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plenary_meeting(store)

    def no_converter(path: str | None = None) -> None:
        raise AssertionError("the PDF was converted a second time")

    monkeypatch.setattr(pdf, "find_converter", no_converter)
    written = tmp_path / "Niederschrift.pdf"
    written.write_bytes(b"%PDF-1.6 schon geschrieben")
    result = minutes.export_minutes_eml(store, plan.meeting_id, tmp_path / "n.eml", pdf_file=written)
    assert result.note == ""
    msg = message_from_bytes(result.path.read_bytes(), policy=default)
    by_name = {a.get_filename(): a for a in msg.iter_attachments()}
    pdf_name = next(n for n in by_name if n.endswith("Niederschrift Entwurf.pdf"))
    assert by_name[pdf_name].get_content() == b"%PDF-1.6 schon geschrieben"
    assert verify.check_eml(result.path, calendar=False, attachments=list(by_name)) == []


def test_minutes_eml_needs_the_office_address(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    set_office(store, email="")
    with pytest.raises(ValidationError, match="E-Mail-Adresse der Geschäftsstelle"):
        minutes.export_minutes_eml(store, plan.meeting_id, tmp_path / "n.eml", with_pdf=False)


def test_hostile_text_from_the_database(store: Store, tmp_path: Path) -> None:
    plan = plenary_meeting(store)
    with store.session() as s:
        item = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == plan.meeting_id)).first()
        assert item is not None
        item.title = "Titel\x01mit\x1fSteuerzeichen"
        item.notes = "   \n \t "
        item.resolution_text = "Z" * 5000
    text = _text(minutes.export_minutes(store, plan.meeting_id, tmp_path / "n.docx"))
    assert "TitelmitSteuerzeichen" in text
    assert "Z" * 5000 in text.replace(dc.ZERO_WIDTH_SPACE, "")


def test_minutes_on_the_demo_database(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as s:
        meetings = list(s.scalars(select(Meeting).where(Meeting.status != "abgesagt")))
        items = {m.id: list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id))) for m in meetings}
    approved = next(m for m in meetings if m.status == "protokoll_genehmigt")
    draft = next(m for m in meetings if m.status in ("protokoll_entwurf", "durchgefuehrt"))
    for meeting, marked in ((approved, False), (draft, True)):
        text = _text(minutes.export_minutes(demo_store, meeting.id, tmp_path / f"{meeting.id}.docx"))
        assert ("ENTWURF" in text) is marked
        for item in items[meeting.id]:
            assert item.title.strip() in text
            if item.resolution_text.strip():
                assert item.resolution_text.strip().split("\n")[0] in text
    with_stand_in = [
        m for m in meetings if "i. V. für" in _text(minutes.export_minutes(demo_store, m.id, tmp_path / "x.docx"))
    ]
    assert with_stand_in, "the demo has at least one deputy standing in"
