"""Groups area: the plenum, working groups and networks, their members, partners and contact lists.

``operations`` writes (each an ``@operation``: a Store for its own transaction, a Session to compose),
``queries`` reads (with ``plenum``/``plenum_id``, the one plenum lookup), ``rows`` holds the read models,
``rules`` the rules of a seat; ``partners`` and ``contacts`` the network partners and contact lists.

Other areas and the cross-cutting services reach this area only through what is re-exported here and
through the public modules ``partners`` and ``contacts``; ``operations``, ``queries``, ``rows`` and
``rules`` are its internals (an import-linter contract in pyproject.toml keeps it so). The front ends
(ui, cli, demo) use the modules by name.
"""

from bezag_desktop.services.groups.queries import NO_PLENUM, find_plenum, plenum, plenum_id
from bezag_desktop.services.groups.rows import COMMITTEE_ORDER

__all__ = ["COMMITTEE_ORDER", "NO_PLENUM", "find_plenum", "plenum", "plenum_id"]
