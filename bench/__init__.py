"""Performance benchmarks (issue 8): ``make bench`` / ``make bench-quick``."""

from __future__ import annotations

from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM), in MB.

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: on Linux that keeps the high-water mark of
    the parent across fork and exec, so every child of a large parent looked large.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")
