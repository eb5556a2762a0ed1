"""merges of duplicate people and pairs marked as different people

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 03:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person_key(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["person.id"],
        name=op.f(f"fk_{table}_{column}_person"),
        initially="DEFERRED",
        deferrable=True,
    )


def upgrade() -> None:
    op.create_table(
        "distinct_people",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("person_a", sa.Text(), nullable=False),
        sa.Column("person_b", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sa.Text(), nullable=False),
        sa.Column("vv", sa.Text(), nullable=True),
        _person_key("distinct_people", "person_a"),
        _person_key("distinct_people", "person_b"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distinct_people")),
    )
    with op.batch_alter_table("distinct_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_distinct_people_person_a"), ["person_a"])
        batch_op.create_index(batch_op.f("ix_distinct_people_person_b"), ["person_b"])

    op.create_table(
        "person_merge",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Text(), nullable=False),
        sa.Column("kept_id", sa.Text(), nullable=False),
        sa.Column("kept_before", sa.Text(), nullable=False),
        sa.Column("moved", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.Text(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sa.Text(), nullable=False),
        sa.Column("vv", sa.Text(), nullable=True),
        _person_key("person_merge", "person_id"),
        _person_key("person_merge", "kept_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merge")),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_merge_kept_id"), ["kept_id"])
        batch_op.create_index(batch_op.f("ix_person_merge_person_id"), ["person_id"])


def downgrade() -> None:
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_merge_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_merge_kept_id"))
    op.drop_table("person_merge")
    with op.batch_alter_table("distinct_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_distinct_people_person_b"))
        batch_op.drop_index(batch_op.f("ix_distinct_people_person_a"))
    op.drop_table("distinct_people")
