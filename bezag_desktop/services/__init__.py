"""Use cases per area. Services own the transaction and return plain frozen dataclasses, never ORM objects."""
