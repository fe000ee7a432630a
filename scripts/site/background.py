"""Work beside the build, in forked processes, one after the other: the build's own process keeps
a core to itself on a two-core machine. A plain process and a pipe each (the standard library's
multiprocessing): the build's process never runs a thread, so forking it stays safe. A job whose
turn has not come when the build asks for its result is done by the build itself, which would
otherwise wait: both cores work until the end.

Where other threads run (as under `mkdocs serve`) or fork is missing, the work runs in the build's
own process instead, when its result is asked for; the results are the same.
"""
from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util  # noqa: F401 - its exit function is registered first, so _stop_unasked runs before it
import os
import threading

from scripts.site import process_lifetime

_previous = [None]  # read end of a pipe whose write end the last job started holds until its work is done
_unasked = set()  # jobs whose result nobody has asked for yet: stopped when Python ends (_stop_unasked)


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def start(work, *args):
    """work(*args) in a forked process, started once the jobs started before it have done their work;
    `.result()` waits for it and returns its result (pickled) or raises its exception, or does the
    work here if the process has not begun it; `.cancel()` stops it (a failed build). The work and
    its arguments are inherited, never pickled."""
    return _beside(work, args, queued=True)


def in_two(work, items: list) -> tuple:
    """(work(first half), work(second half)): the second half in a forked process beside this one
    when that is safe (the machine has two cores), else here too."""
    half = len(items) // 2
    second = _beside(work, (items[half:],), queued=False)
    return work(items[:half]), second.result()


def _beside(work, args: tuple, queued: bool):
    return _Forked(work, args, queued) if can_fork() else _Here(work, args)


class _Forked:
    def __init__(self, work, args, queued: bool):
        context = multiprocessing.get_context("fork")
        self.work, self.args = work, args
        self.receiving, sending = context.Pipe(duplex=False)
        wait_for = ended = ending_read = None
        # Whoever takes it does the work: the process when its turn comes, or the build if it asks first;
        # then the process passes the turn on only once the build has done it (`done`).
        self.claim, self.done = (context.Lock(), context.Event()) if queued else (None, None)
        if queued:
            wait_for = _previous[0]
            ending_read, ended = os.pipe()
        self.process = context.Process(target=_run, args=(os.getpid(), wait_for, ended, self.claim, self.done, sending, work, args))
        self.process.start()
        sending.close()
        if queued:  # only the new process holds `ended` now: its end is the next job's start
            os.close(ended)
            if wait_for is not None:
                os.close(wait_for)
            _previous[0] = ending_read
        _unasked.add(self)

    def result(self):
        _unasked.discard(self)
        if self.claim is not None and self.claim.acquire(block=False):  # its turn has not come: the work is done here
            self.receiving.close()  # the process only passes the turn on to the next job, then ends
            try:
                return self.work(*self.args)
            finally:
                self.done.set()
        try:
            done, value = self.receiving.recv()
        except EOFError:
            raise RuntimeError(f"a build process ({self.process.pid}) ended without its result: see the messages above") from None
        finally:
            self.receiving.close()
            self.process.join()
        if not done:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the work (a failed build): the process ends now."""
        _unasked.discard(self)
        self.process.terminate()
        self.process.join()
        self.receiving.close()


def _run(parent: int, wait_for: int | None, ended: int | None, claim, done, sending, work, args) -> None:
    process_lifetime.die_with_parent(parent)
    if wait_for is not None:
        os.read(wait_for, 1)  # end of file once the job before has done its work (or died): it closes its end
    if claim is not None and not claim.acquire(block=False):  # the build does the work itself
        done.wait()  # the next job may read what this one writes
        return
    try:
        outcome = (True, work(*args))
    except BaseException as error:  # noqa: BLE001 - the build's process raises it
        outcome = (False, error)
    if ended is not None:  # the next job starts now, not once the build has read this result from the pipe
        os.close(ended)
    try:
        sending.send(outcome)
    except Exception as error:  # an unpicklable result or exception
        sending.send((False, RuntimeError(f"{type(error).__name__}: {error}")))


@atexit.register  # before multiprocessing's own exit, which waits for every process: one blocked on a result nobody reads never ends
def _stop_unasked() -> None:
    for job in list(_unasked):
        job.cancel()


class _Here:
    def __init__(self, work, args):
        self.work, self.args = work, args

    def result(self):
        return self.work(*self.args)

    def cancel(self) -> None:
        pass
