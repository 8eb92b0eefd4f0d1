"""Pure-Python domain: codes, value objects and the rules of procedure. No Qt, no database."""
