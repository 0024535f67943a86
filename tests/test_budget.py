"""The per-article time budget: a slow article becomes ``skipped: timeout`` and the batch goes on."""

import threading
import time

import pytest

from eventwire.budget import ArticleTimeout, time_budget
from eventwire.events.registry import register_coder
from eventwire.pipeline import Pipeline
from eventwire.schema import Article
from eventwire.settings import Settings


class _SlowOnCue:
    """An events stage that stalls on articles containing 'stall' (a stand-in for a slow path)."""

    stalls_finished = 0

    def code(self, doc, actors, statements=None):
        if "stall" in doc.text:
            time.sleep(1.5)
            _SlowOnCue.stalls_finished += 1
        return []


register_coder("test-stall.v1")(lambda settings: _SlowOnCue())
ARTICLES = [
    Article(id="slow", text="The council will stall the vote again, members said on Monday."),
    Article(id="fine", text="The council approved the budget on Monday, members said."),
]


@pytest.fixture(scope="module")
def stalling(nlp):
    return Pipeline(Settings(event_coder="test-stall.v1", time_budget=0.3), nlp=nlp)


def test_budget_interrupts_a_slow_article_and_codes_the_next(stalling):
    finished = _SlowOnCue.stalls_finished
    results = list(stalling.code_many(ARTICLES))
    assert _SlowOnCue.stalls_finished == finished  # interrupted inside the slow step, not waited out
    assert [r.status for r in results] == ["skipped", "coded"]
    assert results[0].reason.startswith("timeout: over the time budget of 0.3 s")


def test_budget_in_a_thread_stops_at_the_next_step(stalling):
    """No signals off the main thread: the deadline is checked after the slow step."""
    results = []
    worker = threading.Thread(target=lambda: results.extend(stalling.code_many(ARTICLES)))
    worker.start()
    worker.join(timeout=30)
    assert [r.status for r in results] == ["skipped", "coded"]
    assert results[0].reason.startswith("timeout")


def test_budget_zero_means_no_limit():
    with time_budget(0) as deadline:
        time.sleep(0.01)
        deadline.check()


def test_budget_restores_the_previous_alarm_handler():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(ArticleTimeout):
        with time_budget(0.05):
            time.sleep(1)
    assert signal.getsignal(signal.SIGALRM) is before


def test_budget_leaves_the_host_programs_alarm_alone():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_budget(60):
            time.sleep(0.01)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # still armed
        time.sleep(0.7)
        assert fired == [True]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_budget_run_on_reproducer_is_a_timeout_record(tmp_path):
    """The hang reproducer, small, under a budget no real article meets: one record, reason timeout, exit 0."""
    import json

    from click.testing import CliRunner

    from eventwire.cli import main

    path = tmp_path / "runon.txt"
    path.write_text(("The union attacked the board and " * 400)[:12_000])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["code", str(path), "-o", str(out), "--time-budget", "0.001", "--quiet"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["status"] == "skipped" and record["reason"].startswith("timeout: over the time budget of 0.001 s")
