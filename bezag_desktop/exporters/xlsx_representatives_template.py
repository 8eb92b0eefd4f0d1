"""The Excel template for importing representatives (``bezag export template representatives``).

Sheet "Vertretungen": one header row with the import columns; the Körperschaft column (which takes
names or the AGS) and the phone column are formatted as text so Excel keeps leading zeros, Beginn as
a date, Rolle and Anrede offer their choices. Sheet "Erläuterungen" explains every column and the import
rules; sheet "Körperschaften" lists the 24 bodies with their AGS. Plain data in, file out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImportColumn:
    header: str
    required: bool
    explanation: str
    example: str


#: The columns of the import, in template order. The import finds them by header text.
COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(
        "Körperschaft",
        True,
        "Die entsendende Körperschaft: voller Name (z. B. „Landkreis Ebersberg“) oder Amtlicher "
        "Gemeindeschlüssel (AGS, z. B. 09175). „München“ und „Rosenheim“ allein sind mehrdeutig "
        "(Stadt und Landkreis): bitte den vollen Namen oder den AGS angeben.",
        "09175",
    ),
    ImportColumn("Rolle", True, "„Mitglied“ oder „Stellvertretung“.", "Mitglied"),
    ImportColumn("Anrede", False, "„Frau“, „Herr“ oder leer (neutral).", "Frau"),
    ImportColumn("Titel", False, "Akademischer Titel, z. B. „Dr.“.", "Dr."),
    ImportColumn("Vorname", False, "Vorname.", "Anna"),
    ImportColumn("Nachname", True, "Nachname.", "Huber"),
    ImportColumn("Funktion", False, "Funktion im Haus, z. B. „Sozialplanung“.", "Sozialplanerin"),
    ImportColumn(
        "E-Mail",
        True,
        "Dienstliche E-Mail-Adresse. An ihr wird eine bekannte Person erkannt: ihre Angaben werden "
        "aktualisiert, sie wird nicht doppelt angelegt.",
        "anna.huber@lra-ebersberg.example",
    ),
    ImportColumn("Telefon", False, "Telefonnummer (als Text, z. B. „+49 8092 823-0“).", "+49 8092 823-0"),
    ImportColumn("Beginn", True, "Beginn des Mandats als Datum (TT.MM.JJJJ).", "01.02.2027"),
)

HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
#: Columns stored and formatted as text (the AGS keeps its leading zero).
TEXT_HEADERS = ("Körperschaft", "Titel", "Vorname", "Nachname", "Funktion", "E-Mail", "Telefon")
DATE_HEADERS = ("Beginn",)
MAIN_SHEET = "Vertretungen"
#: Rows prepared with text and date formats below the header.
PREPARED_ROWS = 300

RULES_TEXT: tuple[str, ...] = (
    "Jede Zeile ist ein Mandat im Plenum der Bezirksarbeitsgemeinschaft (Mitglied oder Stellvertretung).",
    "Vor dem Import wird jede Zeile geprüft. Fehler werden mit Zeilennummer (wie in Excel) und Spalte "
    "genannt; solange eine Zeile fehlerhaft ist, wird nichts übernommen.",
    "Ist der Sitz einer Körperschaft bereits mit einer anderen Person besetzt, ist das ein Fehler: "
    "Nachfolgen werden im Programm über „Nachfolge…“ erfasst.",
    "Eine Zeile, die ein bestehendes Mandat wiederholt, ändert nichts. Derselbe Import ein zweites Mal ändert nichts.",
    "Mit dem Probelauf (bezag import representatives DATEI.xlsx --dry-run, im Programm: Vorschau) sehen "
    "Sie vorher, was hinzukäme oder sich änderte.",
)


@dataclass(frozen=True)
class TemplateBody:
    name: str
    ags: str
    kind_label: str


def write_representatives_template(path: Path, bodies: Sequence[TemplateBody]) -> Path:
    """Write the import template to ``path`` (.xlsx) and return it."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from bezag_desktop.exporters.xlsx_common import (
        DATE_FORMAT,
        TEXT_FORMAT,
        add_sheet,
        new_workbook,
        setup_print,
        write_table,
    )

    wb = new_workbook()
    ws = add_sheet(wb, MAIN_SHEET)
    write_table(ws, HEADERS, [], text_columns=TEXT_HEADERS, date_columns=DATE_HEADERS)
    widths = {"Körperschaft": 32, "E-Mail": 34, "Funktion": 24, "Beginn": 12, "Telefon": 18}

    for index, header in enumerate(HEADERS, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = widths.get(header, 14)
        fmt = TEXT_FORMAT if header in TEXT_HEADERS else DATE_FORMAT if header in DATE_HEADERS else None
        if fmt is not None:
            for row in range(2, PREPARED_ROWS + 2):
                ws.cell(row=row, column=index).number_format = fmt
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{PREPARED_ROWS + 1}"
    choices = {"Rolle": '"Mitglied,Stellvertretung"', "Anrede": '"Frau,Herr,neutral"'}
    for header, formula in choices.items():
        letter = get_column_letter(HEADERS.index(header) + 1)
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        # Without showErrorMessage Excel accepts any text and only the import complains later.
        validation.showErrorMessage = True
        validation.error = f"Bitte einen Wert aus der Liste wählen ({formula.strip(chr(34))})."
        validation.errorTitle = header
        validation.add(f"{letter}2:{letter}{PREPARED_ROWS + 1}")
        ws.add_data_validation(validation)
    setup_print(ws, landscape=True)

    help_ws = add_sheet(wb, "Erläuterungen")
    write_table(
        help_ws,
        ["Spalte", "Pflicht", "Erläuterung", "Beispiel"],
        [(c.header, "ja" if c.required else "nein", c.explanation, c.example) for c in COLUMNS],
        text_columns=("Beispiel",),
        max_width=80,
    )
    start = len(COLUMNS) + 3
    help_ws.cell(row=start, column=1, value="Regeln für den Import").font = Font(bold=True)
    for offset, line in enumerate(RULES_TEXT, start=1):
        cell = help_ws.cell(row=start + offset, column=1, value=f"{offset}. {line}")
        cell.alignment = Alignment(wrap_text=False)
    setup_print(help_ws, landscape=True)

    bodies_ws = add_sheet(wb, "Körperschaften")
    write_table(
        bodies_ws,
        ["Körperschaft", "AGS", "Art"],
        [(b.name, b.ags, b.kind_label) for b in bodies],
        text_columns=("AGS",),
    )
    setup_print(bodies_ws)
    wb.active = 0
    path = Path(path)
    wb.save(path)
    return path
