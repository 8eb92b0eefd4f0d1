"""The codes of ``domain.codes``: code and German label declared together, found by either."""

import pytest

from bezag_desktop.domain.codes import AttendanceStatus, CommitteeKind, ElectionOffice, MeetingStatus, Reply


def test_member_is_its_code_and_carries_its_label() -> None:
    assert MeetingStatus("protokoll_genehmigt") is MeetingStatus.PROTOKOLL_GENEHMIGT
    assert MeetingStatus.PROTOKOLL_GENEHMIGT == "protokoll_genehmigt"
    assert MeetingStatus.PROTOKOLL_GENEHMIGT.value == "protokoll_genehmigt"
    assert MeetingStatus.PROTOKOLL_GENEHMIGT.label == "Protokoll genehmigt"
    assert f"{AttendanceStatus.GAST}" == "gast"
    assert AttendanceStatus.GAST.label == "Gast"


def test_choices_keep_the_declaration_order() -> None:
    assert Reply.choices() == [("offen", "offen"), ("zugesagt", "zugesagt"), ("abgesagt", "abgesagt")]


def test_unknown_code_is_refused_by_lookup() -> None:
    with pytest.raises(ValueError, match="gremium"):
        CommitteeKind("gremium")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("arbeitsgruppe", "Arbeitsgruppe"), ("gremium", "gremium"), ("", "")],
)
def test_label_for_shows_an_unknown_code_as_it_is(code: str, expected: str) -> None:
    assert CommitteeKind.label_for(code) == expected


def test_from_label_finds_code_or_label() -> None:
    assert ElectionOffice.from_label("  Vorsitz des Bezirks ") is ElectionOffice.VORSITZ_BEZIRK
    assert ElectionOffice.from_label("sonstiges") is ElectionOffice.SONSTIGES
    assert ElectionOffice.from_label("Kassenwart") is None
