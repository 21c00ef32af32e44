"""Calendar data shipped with the planner (one-off bank holidays)."""
