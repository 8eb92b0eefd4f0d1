"""Where a meeting takes place: the venue fields that the meeting's input and its invitation share."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, kw_only=True)
class Venue:
    """Place and online link of a meeting as entered; keyword-only, so derived inputs keep their own positions."""

    location_name: str = ""
    location_address: str = ""
    location_room: str = ""
    online_url: str = ""
    travel_notes: str = ""


#: Where a meeting takes place and how to get there: what a copy or the next meeting takes over,
#: and what the invitation prints.
VENUE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Venue))
