"""What a measuring child process reports to its parent: flushed lines and its peak memory.

Shared by the benchmark children (bench/children.py) and the reliability suite's
(tests/reliability/children.py), which both run in a process of their own and print what
the parent reads line by line.
"""

from __future__ import annotations

import resource


def say(*parts: object) -> None:
    """One line on stdout, flushed at once: the parent is waiting for it."""
    print(*parts, flush=True)


def peak_rss_mb() -> float:
    """Peak resident memory of this process image in MB (VmHWM: ru_maxrss survives exec on
    Linux, so a child would report its parent's peak; ru_maxrss only where there is no /proc)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
