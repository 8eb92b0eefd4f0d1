"""Representation area: member bodies, people, mandates (Vertretungen), chair terms, elections, import.

Writes are ``@operation`` functions (a Store for their own transaction, a Session to compose); the
``*_in(session, ...)`` helpers are their building blocks for other areas. Elections: ``elections``
evaluates and records, ``election_queries`` reads (the sheet, lists, candidates).
"""
