"""Alembic migration scripts shipped with the package."""
