"""The Qt desktop planner. All data access goes through ``planner`` services."""
