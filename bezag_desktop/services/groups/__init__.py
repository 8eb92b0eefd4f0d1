"""Groups area: the plenum, working groups and networks, their members, partners and contact lists."""
