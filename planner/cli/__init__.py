"""The ``fwp`` command line: the same services the desktop window calls."""
