"""Groups area: the plenum, working groups and networks, their members, partners and contact lists.

``operations`` writes (each an ``@operation``: a Store for its own transaction, a Session to compose),
``queries`` reads (with ``plenum``/``plenum_id``, the one plenum lookup), ``rows`` holds the read models,
``rules`` the rules of a seat; ``partners`` and ``contacts`` the network partners and contact lists.
"""
