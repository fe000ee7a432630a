"""Work beside the build (scripts/site/background.py): one job after the other, results and errors
come back, a job whose turn has not come is done by the build when it asks, a failed build stops
its jobs, and without fork the same results come from this process."""
from __future__ import annotations

import os
import time

import pytest

from scripts.site import background


def _span(name: str, seconds: float) -> tuple[str, int, float, float]:
    start = time.monotonic()
    time.sleep(seconds)
    return name, os.getpid(), start, time.monotonic()


def _fails():
    raise ValueError("Must fail in the job")


def _ended(*jobs) -> None:
    """Wait until the jobs' processes have ended (their results wait in the pipe): a fixed sleep
    waited longer on an idle machine and perhaps not long enough on a busy one."""
    for job in jobs:
        job.process.join(timeout=30)


@pytest.fixture
def forking(monkeypatch):
    """As in a build (pytest-xdist's own threads make can_fork() say no in its workers)."""
    monkeypatch.setattr(background, "can_fork", lambda: True)


def test_jobs_run_one_after_the_other_in_processes_of_their_own(forking):
    jobs = [background.start(_span, f"job {n}", 0.2) for n in range(3)]
    _ended(*jobs)  # the build works meanwhile: every job has had its turn
    spans = [job.result() for job in jobs]
    assert {pid for _, pid, _, _ in spans}.isdisjoint({os.getpid()})
    for (_, _, _, first_end), (_, _, second_start, _) in zip(spans, spans[1:]):
        assert second_start >= first_end - 0.01, spans


def test_a_job_whose_turn_has_not_come_is_done_here_and_the_turn_passes_on(forking):
    slow = background.start(_span, "slow", 1)
    waiting = background.start(_span, "waiting", 0)
    after = background.start(_span, "after", 0)
    here = waiting.result()
    first = slow.result()
    assert here[1] == os.getpid() and here[3] < first[3]
    _ended(after)  # the waiting job's process passes the turn on: the next one runs in its own
    late = after.result()
    assert late[1] != os.getpid() and late[2] >= first[3] - 0.01


def _write(path) -> None:
    time.sleep(0.5)
    path.write_text("written")


def _read(path) -> tuple[str, int]:
    return (path.read_text() if path.exists() else ""), os.getpid()


def test_a_job_done_here_still_comes_before_the_next_one(forking, tmp_path):
    target = tmp_path / "page"
    background.start(_span, "first", 0.2)  # holds the turn
    writing = background.start(_write, target)
    reading = background.start(_read, target)
    writing.result()  # its turn has not come: done here, while the next job waits
    _ended(reading)
    assert reading.result() == ("written", reading.process.pid)


def test_a_jobs_exception_is_raised_by_result(forking):
    job = background.start(_fails)
    with pytest.raises(ValueError, match="Must fail in the job"):
        job.result()


def test_cancel_stops_a_running_job_and_the_next_one_starts(forking):
    slow = background.start(_span, "slow", 30)
    started = time.monotonic()
    slow.cancel()
    assert not slow.process.is_alive()
    assert background.start(_span, "next", 0).result()[0] == "next"
    assert time.monotonic() - started < 10


def test_without_fork_the_work_runs_here_when_asked(monkeypatch):
    monkeypatch.setattr(background, "can_fork", lambda: False)
    job = background.start(_span, "here", 0)
    assert job.result()[1] == os.getpid()
    assert background.in_two(sum, [1, 2, 3, 4]) == (3, 7)


def test_in_two_gives_each_half_and_works_need_not_be_picklable(forking):
    offset = 10
    assert background.in_two(lambda items: [item + offset for item in items], [1, 2, 3]) == ([11], [12, 13])


def test_python_ends_though_a_large_result_was_never_asked_for(tmp_path):
    """A job whose result fills the pipe waits for a reader; Python's end must not wait for it."""
    import subprocess
    import sys
    script = tmp_path / "unasked.py"
    script.write_text("from scripts.site import background\n"
                      "background.can_fork = lambda: True\n"
                      "background.start(bytes, 10_000_000)\n", encoding="utf-8")
    from conftest import ROOT
    finished = subprocess.run([sys.executable, str(script)], cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
                              timeout=60, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
