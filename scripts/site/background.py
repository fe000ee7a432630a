"""Work beside the build, in one worker process (the standard library's ProcessPoolExecutor), one
job after the other: the build's own process keeps a core to itself on a two-core machine. A job
the worker has not begun when the build asks for its result is done by the build itself, which
would otherwise wait: both cores work until the end.

The worker is forked once, at the first job (the entries' check, while mkdocs prepares), from a
process still small: a fork per job made the build's process copy its pages again after each one
(copy-on-write), and each child copy what it touched. A job's work and arguments are pickled, so
they are functions of a module and plain data; its result comes back pickled. The jobs are handed
to the executor one at a time: it would take the next two at once, which the build could then no
longer do itself.

Where other threads run (as under `mkdocs serve`) or fork is missing, the work runs in the build's
own process instead, when its result is asked for; the results are the same. end() stops the
worker at the end of every build (overrides/hooks/background.py), so nothing outlives it.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from scripts.site import process_lifetime

_current: dict = {}  # "worker": the build's _Worker, "owner": the pid of the process that made it


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def start(work, *args) -> Job:
    """work(*args) in the worker, once the jobs started before it are done; `.result()` waits for it
    and returns its result or raises its exception, or does the work here if the worker has not
    begun it."""
    job = Job(work, args)
    worker = _worker()
    if worker is not None:
        worker.add(job)
    return job


def results(jobs: list[Job]) -> list:
    """[job.result() for job in jobs]. The build first does the jobs the worker has not begun, from the
    end of its queue, while the worker goes on from the front; only then does it wait for the jobs
    the worker holds, so that both finish together."""
    order = sorted(range(len(jobs)), key=lambda index: (jobs[index].future is not None, -index))
    done = {index: jobs[index].result() for index in order}
    return [done[index] for index in range(len(jobs))]


def in_two(work, items: list) -> tuple:
    """(work(first half), work(second half)): the second half in the worker beside this process
    when it is free, else here too. In the worker itself (the entries' check), the second half goes
    to a process forked from it, which is small."""
    half = len(items) // 2
    if _current.get("owner", os.getpid()) != os.getpid() and can_fork():
        with executor() as pool:
            second = pool.submit(work, items[half:])
            return work(items[:half]), second.result()
    second = start(work, items[half:])
    return work(items[:half]), second.result()


def end(failed: bool = False) -> None:
    """Stop the worker at the end of a build; the next build starts another. After a failed build,
    jobs not begun are dropped and a running one is stopped, so that it writes nothing more."""
    worker = _current.pop("worker", None)
    _current.pop("owner", None)
    if worker is not None:
        worker.stop(failed)


class Job:
    def __init__(self, work, args: tuple):
        self.work, self.args = work, args
        self.worker = self.future = None  # the _Worker it waits in; the executor's Future once handed over

    def result(self):
        if self.worker is None or self.worker.take_back(self):  # not begun: done here, at once
            return self.work(*self.args)
        return self.future.result()


class _Worker:
    """The executor and the jobs not handed to it yet, which the build can take back."""

    def __init__(self):
        self.pool = executor()
        self.waiting = collections.deque()
        self.busy = False
        self.lock = threading.RLock()  # the executor's thread hands the next job over (_next)

    def add(self, job: Job) -> None:
        with self.lock:
            job.worker = self
            if self.busy:
                self.waiting.append(job)
            else:
                self._hand_over(job)

    def take_back(self, job: Job) -> bool:
        with self.lock:
            if job.future is not None:
                return False
            self.waiting.remove(job)
            return True

    def stop(self, failed: bool) -> None:
        with self.lock:
            self.waiting.clear()
        if not failed:  # every job's result was asked for: the worker is idle
            self.pool.shutdown(wait=True)  # its thread ends too: the leaflets' workers are forked next
            return
        processes = list(self.pool._processes.values())  # Python 3.14: pool.terminate_workers()
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
            process.join()

    def _hand_over(self, job: Job) -> None:
        self.busy = True
        job.future = self.pool.submit(job.work, *job.args)
        job.future.add_done_callback(self._next)

    def _next(self, _done) -> None:
        with self.lock:
            if self.waiting:
                self._hand_over(self.waiting.popleft())
            else:
                self.busy = False


def _worker() -> _Worker | None:
    if _current.get("owner") == os.getpid():
        return _current["worker"]
    if _current.get("owner") is not None or not can_fork():  # in the worker itself, or no fork here
        return None
    _current.update(worker=_Worker(), owner=os.getpid())
    return _current["worker"]


def executor(workers: int = 1) -> ProcessPoolExecutor:
    """Processes forked from this one (check can_fork() first), which end if it is killed."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=process_lifetime.die_with_parent, initargs=(os.getpid(),))
