"""Work done in forked processes beside the build, on the machine's other cores.

The services directory has thousands of entries to check and writes a page and a vCard per
service per language (24,000 files for 2,000 services). in_parts() checks the entries in two
processes at once; a Worker is one process that writes every language's files: it prepares what
it can while it waits (idle()), sends the build the answers it asks for (answer()), and writes a
language's pages as soon as mkdocs has rendered that language's page frame, while mkdocs builds
the guides and the next languages. Where fork is unsafe (other threads running, as under
`mkdocs serve`) or missing, the same work runs in the build's own process: the results are the
same either way.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
import traceback
from typing import Callable


class WorkerError(RuntimeError):
    """Raised by Worker.finish(): the messages of the jobs that failed."""


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _start(process) -> None:
    """Start a forked process. The parent's objects are frozen meanwhile, so that the child's
    garbage collector never touches (and so copies) the memory it shares with the parent."""
    frozen = gc.get_freeze_count() > 0  # the build froze its objects already (see keep_out_of_collections)
    gc.freeze()
    try:
        process.start()
    finally:
        if not frozen:
            gc.unfreeze()


def keep_out_of_collections() -> None:
    """Leave the objects alive now (the build's entries, mkdocs' state) out of garbage collections
    until release(): they live the whole build, and each full collection would walk them all."""
    gc.freeze()


def release() -> None:
    gc.unfreeze()


def _send_result(work: Callable[[list], list], items: list, report) -> None:
    try:
        report.send((True, work(items)))
    except Exception as error:  # noqa: BLE001 - the parent does this part itself
        report.send((False, f"{type(error).__name__}: {error}"))
    finally:
        report.close()


def in_parts(work: Callable[[list], list], items: list, minimum: int = 200) -> list:
    """work(items), the second half done by a forked process meanwhile: the same list, in order.

    Short lists and places where fork is unsafe do it all here; so does a child that fails."""
    if len(items) < minimum or not can_fork():
        return work(items)
    half = len(items) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(work, items[half:], send), daemon=True)
    _start(process)
    send.close()
    first = work(items[:half])
    try:
        done, second = receive.recv()
    except EOFError:
        done, second = False, None
    process.join()
    receive.close()
    return first + (second if done else work(items[half:]))


def _message(error: Exception) -> str:
    """What the build prints: an editor's message as it is, anything else with its traceback."""
    return (getattr(error, "editor_message", None)
            or f"The work beside the build failed: {type(error).__name__}: {error}\n{traceback.format_exc()}")


def _serve(handle, jobs, report, answers, parent_ends) -> None:
    """The worker process: the handler's idle() work while no job waits, each job as it arrives,
    until None; answers sent as soon as they are ready; then report what failed."""
    for end in parent_ends:  # so that a parent that dies ends this process's wait too
        end.close()
    # It lives for one build and its memory goes with it; collections would only walk, again and
    # again, the thousands of objects it prepares ahead.
    gc.disable()
    failed = []
    idle = getattr(handle, "idle", None)
    ready = getattr(handle, "ready_answers", lambda: {})
    while True:
        try:
            if idle is not None and not failed and not jobs.poll():
                if not idle():
                    idle = None
            elif (job := jobs.recv()) is None:
                break
            elif not failed:  # after a failure the build stops: skip the rest
                handle(job)
            for key, value in ready().items():
                answers.put((key, value))
        except Exception as error:  # noqa: BLE001 - reported to the build
            failed.append(_message(error))
            answers.put((_FAILED, failed))  # a build waiting for an answer stops too
    answers.cancel_join_thread()  # answers nobody asked for must not keep this process alive
    report.send(failed)
    report.close()


_FAILED = "\x00failed"


class Worker:
    """One forked process doing jobs in order while the build goes on, each sent as soon as it
    is known (a language's page frame when mkdocs has rendered it).

    The handler is called with each job. It may also have:
    - idle() -> bool: work done ahead while no job waits, called until it returns False;
    - answer(key) and ready_answers() -> {key: value}: results the build asks for with
      Worker.answer(key); the process sends each as soon as ready_answers() has it.
    Without a safe fork the jobs run at once, here, idle() never, and answer() is asked directly.
    finish() waits for the last job and raises WorkerError if any failed."""

    def __init__(self, handle: Callable[[object], None]):
        self.handle = handle
        self.process = self.jobs = self.report = self.answers = None
        self.received = {}
        self.failed = []

    def start(self) -> None:
        """Fork now, so that the handler's idle() work begins before the first job."""
        if self.process is None and can_fork():
            context = multiprocessing.get_context("fork")
            jobs_out, self.jobs = context.Pipe(duplex=False)
            self.report, report_in = context.Pipe(duplex=False)
            self.answers = context.Queue()
            self.process = context.Process(target=_serve, args=(self.handle, jobs_out, report_in, self.answers,
                                                                (self.jobs, self.report)), daemon=True)
            _start(self.process)
            jobs_out.close()
            report_in.close()

    def submit(self, job) -> None:
        if self.process is None and not can_fork():
            try:
                self.handle(job)
            except Exception as error:  # noqa: BLE001 - reported by finish(), as from the process
                self.failed.append(_message(error))
            return
        self.start()
        self.jobs.send(job)

    def answer(self, key):
        """The handler's answer(key): from the process, waiting for it if need be. Raises
        WorkerError when the process failed (or stopped) before it had the answer."""
        if self.process is None:
            try:
                return self.handle.answer(key)
            except Exception as error:  # noqa: BLE001 - the build stops with the message
                raise WorkerError(_message(error)) from None
        while key not in self.received:
            try:
                got, value = self.answers.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    raise WorkerError("the process writing the files stopped before it finished") from None
                continue
            if got == _FAILED:
                raise WorkerError("\n".join(value))
            self.received[got] = value
        return self.received.pop(key)

    def finish(self) -> None:
        failed, self.failed = self.failed, []
        if self.process is not None:
            self.jobs.send(None)
            try:
                failed += self.report.recv()
            except EOFError:  # the process died without a word (killed, out of memory)
                failed.append("the process writing the files stopped before it finished")
            self._close()
        if failed:
            raise WorkerError("\n".join(failed))

    def stop(self) -> None:
        """After a failed build: end the process without waiting for its jobs."""
        if self.process is not None:
            self.process.terminate()
            self._close()
        self.failed = []

    def _close(self) -> None:
        self.process.join()
        self.jobs.close()
        self.report.close()
        self.answers.close()
        self.process = self.jobs = self.report = self.answers = None
        self.received = {}
