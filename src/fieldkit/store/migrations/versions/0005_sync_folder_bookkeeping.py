"""sync folder bookkeeping: the segments this laptop wrote or read

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 03:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The record tables when this revision was written: each gets the triggers below.
RECORD_TABLES = (
    "organisation",
    "programme",
    "person",
    "event",
    "objective",
    "axis",
    "event_partner",
    "registration",
    "day",
    "session",
    "session_axis",
    "session_objective",
    "working_group",
    "group_member",
    "attendance",
    "tally",
    "note",
    "decision",
    "action_item",
    "action_owner",
    "attachment",
    "conflict",
    "distinct_people",
    "person_merge",
)


def upgrade() -> None:
    op.create_table(
        "folder_segment",
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("marks", sa.Text(), nullable=False),
        sa.Column("conflicts", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("device", "name", name=op.f("pk_folder_segment")),
    )
    op.create_table(
        "folder_pending",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_folder_pending")),
    )
    # Once this laptop takes part in a sync folder (the row seq 0 is there), every record
    # written is noted, so a round looks only at what changed since the last one.
    for table in RECORD_TABLES:
        for event, suffix in (("INSERT", "insert"), ("UPDATE OF clocks", "update")):
            op.execute(
                f'CREATE TRIGGER "folder_pending_{table}_{suffix}" AFTER {event} ON "{table}" '
                "WHEN EXISTS (SELECT 1 FROM folder_pending WHERE seq = 0) BEGIN "
                f"INSERT INTO folder_pending (kind, record_id) VALUES ('{table}', NEW.id); END"
            )


def downgrade() -> None:
    for table in RECORD_TABLES:
        for suffix in ("insert", "update"):
            op.execute(f'DROP TRIGGER IF EXISTS "folder_pending_{table}_{suffix}"')
    op.drop_table("folder_pending")
    op.drop_table("folder_segment")
