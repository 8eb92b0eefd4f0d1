"""The meeting editor: Allgemein, Tagesordnung, Anwesenheit, Protokoll, saved as one whole form.

A package after Picard's ``infodialog``: the dialog (``dialog.py``), one widget per tab, and the
agenda tree and choosers as helpers. Callers keep importing from here.
"""

from bezag_desktop.ui.dialogs.meeting_editor.agenda_tree import AGENDA_MIME, AgendaTree, drop_target
from bezag_desktop.ui.dialogs.meeting_editor.choosers import ItemChooser, choose_items
from bezag_desktop.ui.dialogs.meeting_editor.dialog import (
    TAB_AGENDA,
    TAB_ATTENDANCE,
    TAB_GENERAL,
    TAB_MINUTES,
    MeetingEditor,
    ask,
    ask_new,
)
from bezag_desktop.ui.widgets.person_picker import MEETING_HEADERS, PERSON_HEADERS, PersonPicker, pick

__all__ = [
    "AGENDA_MIME",
    "MEETING_HEADERS",
    "PERSON_HEADERS",
    "TAB_AGENDA",
    "TAB_ATTENDANCE",
    "TAB_GENERAL",
    "TAB_MINUTES",
    "AgendaTree",
    "ItemChooser",
    "MeetingEditor",
    "PersonPicker",
    "ask",
    "ask_new",
    "choose_items",
    "drop_target",
    "pick",
]
