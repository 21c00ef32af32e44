"""Sharing one programme: change history, user roles, database identity, offline base

Revision ID: 0003_shared
Revises: 0002_capacity
Create Date: 2026-12-02 17:00:00
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003_shared"
down_revision = "0002_capacity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("committee_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.String(length=300), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    op.create_index("ix_change_log_record", "change_log", ["table_name", "record_id"])
    op.create_index("ix_change_log_at", "change_log", ["at"])
    op.create_index(op.f("ix_change_log_committee_id"), "change_log", ["committee_id"])
    op.create_table(
        "user_role",
        sa.Column("council_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "viewer", "member", "clerk", "chairman",
                name="userrole", native_enum=False, length=40,
            ),
            nullable=False,
        ),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"], ["council.id"],
            name=op.f("fk_user_role_council_id_council"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_role")),
        sa.UniqueConstraint("council_id", "username", name=op.f("uq_user_role_council_id")),
    )
    meta = op.create_table(
        "planner_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_planner_meta")),
    )
    # Every database gets an identity of its own, upgraded files included.
    op.bulk_insert(meta, [{"key": "database_id", "value": str(uuid.uuid4())}])
    op.create_table(
        "offline_base",
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_offline_base")),
    )


def downgrade() -> None:
    op.drop_table("offline_base")
    op.drop_table("planner_meta")
    op.drop_table("user_role")
    op.drop_index(op.f("ix_change_log_committee_id"), table_name="change_log")
    op.drop_index("ix_change_log_at", table_name="change_log")
    op.drop_index("ix_change_log_record", table_name="change_log")
    op.drop_table("change_log")
