"""Work beside the build (scripts/site/background.py): one worker process, forked once, does the
jobs one after the other; results and errors come back; a job whose turn has not come is done by
the build when it asks; a failed build stops the running job; without fork the same results come
from this process."""
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


def _pid(items: list) -> list[int]:
    return [os.getpid()] * len(items)


def _halves_pids(items: list) -> tuple:
    return background.in_two(_pid, items)


def _done_in_worker(job: background.Job):
    """The job's result once the worker has done it (the build asks for nothing meanwhile)."""
    _wait_until_handed_over(job)
    return job.future.result()


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def forking(monkeypatch):
    """As in a build (pytest-xdist's own threads make can_fork() say no in its workers); the worker
    ends with the test, as with a build."""
    monkeypatch.setattr(background, "can_fork", lambda: True)
    yield
    background.end()


def test_jobs_run_one_after_the_other_in_one_worker_process(forking):
    jobs = [background.start(_span, f"job {n}", 0.2) for n in range(3)]
    _done_in_worker(jobs[-1])  # the build works meanwhile: every job has had its turn
    spans = [job.result() for job in jobs]
    assert len({pid for _, pid, _, _ in spans}) == 1 and spans[0][1] != os.getpid()
    for (_, _, _, first_end), (_, _, second_start, _) in zip(spans, spans[1:]):
        assert second_start >= first_end - 0.01, spans


def test_a_job_whose_turn_has_not_come_is_done_here_and_the_next_still_in_the_worker(forking):
    slow = background.start(_span, "slow", 1)
    waiting = background.start(_span, "waiting", 0)
    after = background.start(_span, "after", 0)
    here = waiting.result()
    first = slow.result()
    assert here[1] == os.getpid() and here[3] < first[3]
    late = _done_in_worker(after)
    assert late[1] == first[1] != os.getpid() and late[2] >= first[3] - 0.01


def test_results_are_asked_from_the_last_so_the_build_takes_jobs_from_the_end(forking):
    jobs = [background.start(_span, f"job {n}", 0.3) for n in range(4)]
    spans = background.results(jobs)
    assert [name for name, *_ in spans] == [f"job {n}" for n in range(4)]
    assert spans[0][1] != os.getpid() and spans[-1][1] == os.getpid()


def test_results_first_do_the_jobs_not_begun_then_wait_for_the_one_the_worker_holds(forking):
    running = background.start(_span, "running", 1)
    _wait_until_handed_over(running)
    waiting = [background.start(_span, f"waiting {n}", 0) for n in range(2)]
    spans = background.results([*waiting, running])  # the running job last, as the directory's hook asks
    assert [pid for _, pid, _, _ in spans] == [os.getpid(), os.getpid(), spans[-1][1]] and spans[-1][1] != os.getpid()
    assert all(end < spans[-1][3] for _, _, _, end in spans[:-1]), "done while the worker worked, not after"


def _wait_until_handed_over(job: background.Job) -> None:
    deadline = time.monotonic() + 30
    while job.future is None:
        assert time.monotonic() < deadline, "the job was never handed to the worker"
        time.sleep(0.01)


def test_a_jobs_exception_is_raised_by_result(forking):
    job = background.start(_fails)
    with pytest.raises(ValueError, match="Must fail in the job"):
        job.result()


def test_a_failed_build_stops_the_running_job_and_the_next_build_has_a_worker(forking):
    worker = _done_in_worker(background.start(_span, "begun", 0))[1]
    background.start(_span, "slow", 30)
    dropped = background.start(_span, "dropped", 0)
    time.sleep(0.3)  # the worker has begun the slow job
    started = time.monotonic()
    background.end(failed=True)
    assert not _alive(worker) and time.monotonic() - started < 10
    assert dropped.future is None  # never handed to the worker
    assert background.start(_span, "next", 0).result()[1] not in (worker, os.getpid())


def test_without_fork_the_work_runs_here_when_asked(monkeypatch):
    monkeypatch.setattr(background, "can_fork", lambda: False)
    job = background.start(_span, "here", 0)
    assert job.result()[1] == os.getpid()
    assert background.in_two(sum, [1, 2, 3, 4]) == (3, 7)


def test_in_two_gives_each_half_the_second_in_the_worker(forking):
    first, second = background.in_two(_pid, [1, 2, 3])
    assert first == [os.getpid()] and len(second) == 2 and second[0] != os.getpid()


def test_in_two_in_the_worker_forks_the_worker_for_the_second_half(forking):
    worker = _done_in_worker(background.start(_span, "begun", 0))[1]
    first, second = _done_in_worker(background.start(_halves_pids, [1, 2]))
    assert first == [worker] and second[0] not in (worker, os.getpid())


def test_python_ends_though_a_large_result_was_never_asked_for(tmp_path):
    """The worker's large result waits for a reader; Python's end must not wait for it forever."""
    import subprocess
    import sys
    script = tmp_path / "unasked.py"
    script.write_text("from scripts.site import background\n"
                      "background.can_fork = lambda: True\n"
                      "background.start(bytes, 10_000_000)\n", encoding="utf-8")
    from conftest import ROOT
    finished = subprocess.run([sys.executable, str(script)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              timeout=60, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
