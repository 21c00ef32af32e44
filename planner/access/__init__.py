"""Who may do what with a council's programmes: viewer, member, clerk, chairman (issue 6).

- ``roles``: the ``user_role`` rows (grant, revoke, list) and ``role_of``.
- ``guard``: the planner's own check on a SQLite file (a local file belongs to its user).
- ``pg_setup`` and ``pg_logins``: on PostgreSQL the database itself enforces the roles:
  group roles, grants and row-level security, and one login role per person.
- ``refusal``: the database's "permission denied" turned into one clear sentence.

See docs/access.md for what each role may read and write.
"""
