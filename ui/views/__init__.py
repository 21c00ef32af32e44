"""One widget per view of the main window, each with its filter box."""
