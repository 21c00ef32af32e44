"""Persistence: SQLAlchemy models, opening databases, schema migrations."""
