"""Forward work programme planner: domain, persistence, services, import and export.

Nothing in this package imports Qt; the command line and the desktop window both
call the same services.
"""

__version__ = "0.1.0"
