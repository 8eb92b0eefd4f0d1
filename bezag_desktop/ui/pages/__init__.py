"""The main window's pages in navigation order. Each is imported only when first shown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    module: str
    class_name: str
    shortcut: str


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Übersicht", "bezag_desktop.ui.pages.overview", "OverviewPage", "Ctrl+1"),
    PageSpec("bodies", "Körperschaften & Vertretungen", "bezag_desktop.ui.pages.bodies", "BodiesPage", "Ctrl+2"),
    PageSpec("meetings", "Sitzungen", "bezag_desktop.ui.pages.meetings", "MeetingsPage", "Ctrl+3"),
    PageSpec("groups", "Arbeitsgruppen", "bezag_desktop.ui.pages.working_groups", "WorkingGroupsPage", "Ctrl+4"),
    PageSpec("elections", "Wahlen & Vorsitz", "bezag_desktop.ui.pages.elections", "ElectionsPage", "Ctrl+5"),
    PageSpec("contacts", "Kontakte & Netzwerk", "bezag_desktop.ui.pages.contacts", "ContactsPage", "Ctrl+6"),
    PageSpec("settings", "Einstellungen", "bezag_desktop.ui.pages.settings", "SettingsPage", "Ctrl+7"),
)
