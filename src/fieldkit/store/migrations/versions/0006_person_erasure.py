"""erasures of a person's personal data, a record that travels by the exchange

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 04:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_erasure",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Text(), nullable=False),
        sa.Column("keep_initials", sa.Boolean(), nullable=False),
        sa.Column("erased_on", sa.Text(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("clocks", sa.Text(), nullable=False),
        sa.Column("vv", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_erasure_person_id_person"),
            initially="DEFERRED",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_erasure")),
    )
    with op.batch_alter_table("person_erasure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_erasure_person_id"), ["person_id"])


def downgrade() -> None:
    with op.batch_alter_table("person_erasure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_erasure_person_id"))
    op.drop_table("person_erasure")
