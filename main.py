"""Start the desktop planner: ``python main.py [--db PATH_OR_URL]``."""

from ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
