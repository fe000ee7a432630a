"""Whether the build may fork worker processes: where other threads run (as under `mkdocs serve`)
or fork is missing, the work runs in the build's own process instead; the results are the same."""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def in_two(work, items: list) -> tuple:
    """(work(first half), work(second half)): the second half in a forked process beside this one
    when that is safe (the machine has two cores), else here too."""
    half = len(items) // 2
    if not can_fork():
        return work(items[:half]), work(items[half:])
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        second = pool.submit(work, items[half:])
        return work(items[:half]), second.result()
