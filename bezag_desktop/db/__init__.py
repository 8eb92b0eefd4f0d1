"""Persistence: SQLAlchemy models, the store (open, identify, lock, migrate, back up)."""
