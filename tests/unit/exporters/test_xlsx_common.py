"""xlsx_common: tables are written, saved and re-read with openpyxl."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bezag_desktop.exporters import xlsx_common as xc


def _roundtrip(wb, tmp_path: Path):
    path = tmp_path / "t.xlsx"
    wb.save(path)
    return openpyxl.load_workbook(path)


def test_write_table_shape(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Kontakte")
    n = xc.write_table(
        ws,
        ["Name", "AGS", "Seit", "Telefon", "Notiz"],
        [
            ["Dr. Anna Huber", "09175", date(2026, 1, 30), "+49 89 1234-5", "=SUMME(A1:A2)"],
            ["Jonas Weiß", 9162, datetime(2026, 3, 10, 14, 0), "-12", "@hinweis"],
        ],
        date_columns=["Seit"],
        text_columns=[1],
    )
    assert n == 2
    back = _roundtrip(wb, tmp_path)["Kontakte"]
    assert [c.value for c in back[1]] == ["Name", "AGS", "Seit", "Telefon", "Notiz"]
    assert all(c.font.bold for c in back[1])
    assert back.freeze_panes == "A2"
    assert back.auto_filter.ref == "A1:E3"
    # AGS as text, leading zero kept, also when the source gave a number
    assert back["B2"].value == "09175"
    assert back["B2"].number_format == "@"
    assert back["B3"].value == "9162"
    # dates are real dates shown DD.MM.YYYY
    assert back["C2"].is_date
    assert back["C2"].number_format == "DD.MM.YYYY"
    assert back["C2"].value == datetime(2026, 1, 30)
    assert back["C3"].is_date
    assert back["C3"].number_format == "DD.MM.YYYY"
    # formula-looking text stays text, unchanged, with quote prefix
    assert back["D2"].value == "+49 89 1234-5"
    assert back["D2"].data_type == "s"
    assert back["D2"].quotePrefix
    assert back["E2"].value == "=SUMME(A1:A2)"
    assert back["E2"].data_type == "s"
    assert back["E2"].quotePrefix
    assert back["D3"].value == "-12"
    assert back["E3"].value == "@hinweis"
    assert not back["A2"].quotePrefix
    # widths follow the content and stay capped
    assert back.column_dimensions["A"].width >= len("Dr. Anna Huber")
    assert back.column_dimensions["A"].width <= xc.MAX_WIDTH


def test_formula_text_never_becomes_a_formula_in_the_xml(tmp_path: Path) -> None:
    import zipfile

    wb = xc.new_workbook()
    xc.write_table(xc.add_sheet(wb, "x"), ["A"], [["=1+2"], ['=HYPERLINK("http://x")']])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    values = [c.value for c in openpyxl.load_workbook(path, data_only=False)["x"]["A"]]
    assert values == ["A", "=1+2", '=HYPERLINK("http://x")']


def test_aware_datetimes_become_berlin_wall_time(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Zeiten")
    xc.write_table(
        ws,
        ["Beginn", "Tag"],
        [
            [datetime(2027, 7, 8, 8, 0, tzinfo=UTC), datetime(2027, 1, 1, 23, 30, tzinfo=UTC)],
            [datetime(2027, 1, 10, 14, 0, tzinfo=ZoneInfo("Europe/Berlin")), None],
        ],
        date_columns=[1],
    )
    back = _roundtrip(wb, tmp_path)["Zeiten"]
    assert back["A2"].value == datetime(2027, 7, 8, 10, 0)
    assert back["A2"].number_format == "DD.MM.YYYY HH:MM"
    assert back["A3"].value == datetime(2027, 1, 10, 14, 0)
    # 23:30 UTC on New Year's Day is already 2 January in Berlin
    assert back["B2"].value.date() == date(2027, 1, 2)
    assert back["B2"].number_format == "DD.MM.YYYY"


def test_control_characters_long_and_blank_text(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Text")
    xc.write_table(ws, ["T"], [["a\x00b\x1bc"], ["   "], ["W" * 40000], ["Zeile 1\nZeile 2"], ["Seite\x0c1\x0bZeile"]])
    back = _roundtrip(wb, tmp_path)["Text"]
    assert back["A2"].value == "abc"
    assert back["A6"].value == "Seite\n1\nZeile"
    assert back["A3"].value is None
    assert len(back["A4"].value) == xc.MAX_CELL_CHARS
    assert back["A5"].value == "Zeile 1\nZeile 2"
    assert back.column_dimensions["A"].width == xc.MAX_WIDTH
    assert back["A4"].alignment.wrap_text


def test_rows_with_wrapped_text_get_their_height(tmp_path: Path) -> None:
    """LibreOffice keeps the default row height on opening: wrapped lines would overprint the next row."""
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Hoch")
    xc.write_table(ws, ["Name", "Text"], [["kurz", "eine Zeile"], ["drei", "a\nb\nc"], ["lang", "W " * 100]])
    back = _roundtrip(wb, tmp_path)["Hoch"]
    assert back.row_dimensions[2].height is None  # one line: Excel's default
    assert back.row_dimensions[3].height == 3 * xc.ROW_HEIGHT
    assert back.row_dimensions[4].height == 4 * xc.ROW_HEIGHT  # 200 characters in a column capped at 60
    assert back["A4"].alignment.vertical == "top"  # level with the long cell's first line
    assert back["A1"].font.name == "Calibri"
    assert back["A1"].font.b


def test_empty_table_still_has_header_filter_and_panes(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    xc.write_table(xc.add_sheet(wb, "Leer"), ["A", "B"], [])
    back = _roundtrip(wb, tmp_path)["Leer"]
    assert back.auto_filter.ref == "A1:B1"
    assert back.freeze_panes == "A2"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("AG: Wohnen/Pflege [2027]?*", "AG Wohnen Pflege 2027"),
        ("'Zitat'", "Zitat"),
        ("x" * 40, "x" * 31),
        ("   ", "Tabelle"),
        ("a\\b", "a b"),
        ("History", "History (1)"),
        ("Stab\x00stelle", "Stabstelle"),
    ],
)
def test_safe_sheet_title(raw: str, expected: str) -> None:
    assert xc.safe_sheet_title(raw) == expected


def test_sheet_titles_unique_in_workbook(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    long = "Arbeitsgruppe Wohnungslosenhilfe Oberbayern"
    titles = [xc.add_sheet(wb, t).title for t in [long, long, long.upper(), "Plenum"]]
    assert titles[0] == long[:31]
    assert titles[1].endswith(" (2)")
    assert titles[2].endswith(" (3)")
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == 4
    assert _roundtrip(wb, tmp_path).sheetnames == titles


def test_setup_print(tmp_path: Path) -> None:
    wb = xc.new_workbook()
    ws = xc.add_sheet(wb, "Druck")
    xc.write_table(ws, ["A"], [[1]])
    xc.setup_print(ws, landscape=True)
    back = _roundtrip(wb, tmp_path)["Druck"]
    assert int(back.page_setup.paperSize) == int(back.PAPERSIZE_A4) == 9
    assert back.page_setup.orientation == "landscape"
    assert back.print_title_rows == "$1:$1"
    assert back.sheet_properties.pageSetUpPr.fitToPage
