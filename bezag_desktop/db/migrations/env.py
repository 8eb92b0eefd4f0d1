"""Alembic environment: run on the connection the store hands over (foreign keys already off)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bezag_desktop.db import models  # noqa: F401  (fills Base.metadata)
from bezag_desktop.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # Only for developers running ``alembic`` by hand against a scratch file.
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///scratch.sqlite"
        with create_engine(url).connect() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
