"""Read-only queries for the window's big lists: column tuples, never ORM objects."""
