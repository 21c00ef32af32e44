"""The change history: every create, update, delete and restore of a planner record.

``recorder`` hooks the planner's sessions (``Database`` installs it on its
sessionmaker), ``bulk`` covers ``session.execute(insert(Model), rows)``, ``values``
turns column values into JSON and back, and ``restore`` re-creates a deleted record
from its snapshot. The read API is ``planner.services.history``.
"""
