"""Meeting capacity and substantive topics

Revision ID: 0002_capacity
Revises: 0001_initial
Create Date: 2026-11-22 08:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_capacity"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(sa.Column("capacity", sa.Integer(), nullable=True))
    with op.batch_alter_table("topic") as batch_op:
        batch_op.add_column(
            sa.Column("substantive", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("topic") as batch_op:
        batch_op.drop_column("substantive")
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_column("capacity")
