"""Work beside the build, in one worker process (the standard library's ProcessPoolExecutor), one
job after the other: the build's own process keeps a core to itself on a two-core machine. A job
whose turn has not come when the build asks for its result is done by the build itself, which
would otherwise wait: both cores work until the end.

The worker is forked once, at the first job (the entries' check, while mkdocs prepares), from a
process still small: a fork per job made the build's process copy its pages again after each one
(copy-on-write), and each child copy what it touched. A job's work and arguments are pickled, so
they are functions of a module and plain data; its result comes back pickled.

Where other threads run (as under `mkdocs serve`) or fork is missing, the work runs in the build's
own process instead, when its result is asked for; the results are the same. end() stops the
worker at the end of every build (overrides/hooks/background.py), so nothing outlives it.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from scripts.site import process_lifetime

_worker: dict = {}  # "pool": the executor of the process that made it, "owner": that process's pid


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def start(work, *args) -> Job:
    """work(*args) in the worker, once the jobs started before it are done; `.result()` waits for it
    and returns its result or raises its exception, or does the work here if the worker has not
    begun it; `.cancel()` drops it if it has not begun (a failed build)."""
    pool = _pool()
    return Job(work, args, pool.submit(work, *args) if pool else None)


def in_two(work, items: list) -> tuple:
    """(work(first half), work(second half)): the second half in the worker beside this process
    when it is free, else here too. In the worker itself (the entries' check), the second half goes
    to a process forked from it, which is small."""
    half = len(items) // 2
    if _worker.get("owner", os.getpid()) != os.getpid() and can_fork():
        with _executor() as pool:
            second = pool.submit(work, items[half:])
            return work(items[:half]), second.result()
    second = start(work, items[half:])
    return work(items[:half]), second.result()


def end(failed: bool = False) -> None:
    """Stop the worker at the end of a build; the next build starts another. After a failed build,
    jobs not begun are dropped and a running one is stopped, so that it writes nothing more."""
    pool = _worker.pop("pool", None)
    _worker.pop("owner", None)
    if pool is None:
        return
    if not failed:  # every job's result was asked for: the worker is idle
        pool.shutdown(wait=True)  # its thread ends too: the leaflets' workers are forked next
        return
    processes = list(pool._processes.values())  # Python 3.14: pool.terminate_workers()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
        process.join()


class Job:
    def __init__(self, work, args: tuple, future):
        self.work, self.args, self.future = work, args, future

    def result(self):
        if self.future is None or self.future.cancel():  # not begun: done here, at once
            return self.work(*self.args)
        return self.future.result()

    def cancel(self) -> None:
        if self.future is not None:
            self.future.cancel()


def _pool() -> ProcessPoolExecutor | None:
    if _worker.get("owner") == os.getpid():
        return _worker["pool"]
    if _worker.get("owner") is not None or not can_fork():  # in the worker itself, or no fork here
        return None
    _worker.update(pool=_executor(), owner=os.getpid())
    return _worker["pool"]


def _executor() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=process_lifetime.die_with_parent, initargs=(os.getpid(),))
