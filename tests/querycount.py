"""Count the SQL statements an operation sends, to catch N+1 queries (Indico's query counter).

    from querycount import count_queries

    with count_queries(store.engine) as few:
        list_bodies(store)
    add_many_rows(store)
    with count_queries(store.engine) as many:
        list_bodies(store)
    assert many.count == few.count

Only statements count; the connection's set-up pragmas and COMMIT/ROLLBACK do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event


@dataclass
class QueryCounter:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __int__(self) -> int:
        return self.count

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        listing = "\n".join(f"  {i + 1}. {s.strip()[:160]}" for i, s in enumerate(self.statements))
        return f"<QueryCounter {self.count} statements>\n{listing}"


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryCounter]:
    """Record every statement executed on ``engine`` inside the ``with`` block."""
    counter = QueryCounter()

    def before_cursor_execute(
        _conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _executemany: bool
    ) -> None:
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)
