"""Alembic environment: migrations run on the connection that the workspace opener passes in.

To write a new migration, open a workspace made by the current head and call
`alembic.command.revision(config, autogenerate=True, ...)` with the same config as
`fieldkit.store.database._alembic_config`.
"""

from alembic import context

from fieldkit.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
