"""Representation area: member bodies, people, mandates (Vertretungen), chair terms, elections, import.

Writes are ``@operation`` functions (a Store for their own transaction, a Session to compose); the
``*_in(session, ...)`` helpers are their building blocks for other areas. Elections: ``elections``
evaluates and records, ``election_queries`` reads (the sheet, lists, candidates).

Other areas and the cross-cutting services reach this area through the public modules ``bodies``,
``people``, ``mandates``, ``chairs``, ``elections`` and ``importing`` and through what is re-exported
here; ``election_queries`` is internal (an import-linter contract in pyproject.toml keeps it so).
"""

from bezag_desktop.services.representation.election_queries import ElectionSheet, elections_for_meeting, office_label

__all__ = ["ElectionSheet", "elections_for_meeting", "office_label"]
