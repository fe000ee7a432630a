"""Work beside the build (scripts/site/background.py): the same results with or without fork, and a
failure is never lost: it reaches the build, which then stops."""
from __future__ import annotations

import os

import pytest

from scripts.site import background


@pytest.fixture(params=["forked", "in the build's process"])
def fork(request, monkeypatch):
    if request.param != "forked":
        monkeypatch.setattr(background, "can_fork", lambda: False)
    elif not background.can_fork():
        pytest.skip("fork is not safe here")
    return request.param


def test_in_parts_returns_every_result_in_order(fork):
    assert background.in_parts(lambda part: [item * 2 for item in part], list(range(500))) == [item * 2 for item in range(500)]


def test_in_parts_does_the_second_half_itself_when_the_child_fails(fork):
    parent = os.getpid()

    def work(part):
        if os.getpid() != parent:  # only in the child
            raise OSError("disk full")
        return [-item for item in part]
    assert background.in_parts(work, list(range(500))) == [-item for item in range(500)]


def test_worker_runs_jobs_in_order_and_reports_success(fork, tmp_path):
    out = tmp_path / "out.txt"

    def handle(job):
        with open(out, "a", encoding="utf-8") as handle:
            handle.write(job)
    worker = background.Worker(handle)
    for job in "abc":
        worker.submit(job)
    worker.finish()
    assert out.read_text(encoding="utf-8") == "abc"


def test_a_failed_job_stops_the_build_with_its_message(fork):
    class EditorError(ValueError):
        editor_message = "data/services/x.yml:3: Must be fixed"

    def handle(job):
        if job == "bad":
            raise EditorError("x")
    worker = background.Worker(handle)
    worker.submit("good")
    worker.submit("bad")
    with pytest.raises(background.WorkerError, match="data/services/x.yml:3: Must be fixed"):
        worker.finish()


def test_an_unexpected_failure_names_its_type(fork):
    def handle(job):
        raise KeyError(job)
    worker = background.Worker(handle)
    worker.submit("missing")
    with pytest.raises(background.WorkerError, match="KeyError: 'missing'"):
        worker.finish()


def test_stop_ends_the_process(fork):
    import time
    if fork != "forked":
        pytest.skip("without fork the job runs when it is submitted")
    worker = background.Worker(lambda job: time.sleep(30))
    worker.submit("slow")
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 10 and worker.process is None


class _Ahead:
    """A handler that prepares answers while idle, as the directory's Writer does."""

    def __init__(self, keys, fail_idle=False):
        self.todo, self.answers, self.fail_idle = list(keys), {}, fail_idle
        self.done = []

    def idle(self):
        if self.fail_idle:
            raise OSError("disk full")
        if not self.todo:
            return False
        key = self.todo.pop(0)
        self.answers[key] = f"{key} prepared by {os.getpid()}"
        return True

    def answer(self, key):
        if key in self.todo:
            self.todo.remove(key)
            self.answers[key] = f"{key} prepared by {os.getpid()}"
        return self.answers.pop(key)

    def ready_answers(self):
        ready, self.answers = self.answers, {}
        return ready

    def __call__(self, job):
        self.done.append(job)


def test_answers_come_from_the_process_that_prepared_them_while_idle(fork):
    worker = background.Worker(_Ahead(["ru", "ky", "en"]))
    worker.start()
    worker.submit("a job")
    answers = {key: worker.answer(key) for key in ["ky", "ru", "en"]}  # in any order
    worker.finish()
    assert set(answers) == {"ru", "ky", "en"}
    pids = {answer.rsplit(" ", 1)[1] for answer in answers.values()}
    assert (pids == {str(os.getpid())}) == (fork != "forked")


def test_a_failure_while_idle_stops_a_build_waiting_for_an_answer(fork):
    if fork != "forked":
        pytest.skip("without fork idle() is never called")
    worker = background.Worker(_Ahead(["ru"], fail_idle=True))
    worker.start()
    with pytest.raises(background.WorkerError, match="OSError: disk full"):
        worker.answer("ru")
    with pytest.raises(background.WorkerError, match="disk full"):
        worker.finish()
