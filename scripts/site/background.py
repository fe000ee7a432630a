"""Whether the build may fork worker processes: where other threads run (as under `mkdocs serve`)
or fork is missing, the work runs in the build's own process instead; the results are the same."""
from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1
