"""Alembic environment: migrations run on the connection that the workspace opener passes in."""

from alembic import context

from fieldkit.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # only when a developer runs `alembic revision --autogenerate`
    from pathlib import Path

    from fieldkit.store.database import create_workspace_engine

    engine = create_workspace_engine(Path(context.config.get_main_option("sqlalchemy.path")))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
