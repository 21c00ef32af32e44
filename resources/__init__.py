"""Data files shipped with the planner (demo programme, bank holiday additions)."""
