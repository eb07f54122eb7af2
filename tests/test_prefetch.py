"""Word frequencies looked up by a copy of the process (`plainlint.prefetch`).

The copy must give the values this process would find, the report must be the same with and
without it, and a copy that fails must cost nothing but time. Real processes throughout: the
copy is a real fork, the command line a real interpreter.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plainlint import prefetch
from tests import fresh
from tests.conftest import write

# Long sentences with long, uncommon words, so that sentence-difficulty asks how common
# words are (our own sentences, on the pattern of a council's policy pages).
HARD = """# Our approach to neighbourhood regeneration

The council's regeneration programme prioritises infrastructure improvements, environmental
sustainability and intergenerational collaboration across every neighbourhood partnership.

Organisational accountability arrangements necessitate comprehensive documentation of
procurement determinations, contractual variations and subsequent performance evaluations.

Residents' associations contributed considerable enthusiasm, and the consultation
demonstrated substantial appreciation for community-led initiatives in the locality.

We will reply within ten days. Call us if you need help with the form.
"""

def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter, which says whether it imported wordfreq."""
    return fresh.plainlint(args, cwd, probe="wordfreq")


def _imported(r: subprocess.CompletedProcess[str]) -> bool:
    return fresh.imported(r, "wordfreq")


@pytest.fixture()
def fresh_module(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The module's once-a-process state, reset for one test and put back after it."""
    monkeypatch.setattr(prefetch, "_copy", None)
    monkeypatch.setattr(prefetch, "_tried", False)
    return prefetch


def test_a_one_file_check_gives_the_same_report_with_the_copys_answers(tmp_path: Path) -> None:
    write(tmp_path / "page.md", HARD)
    alone = _run(["check", "--no-cache", "--jobs", "1", "--format", "json", "page.md"],
                 tmp_path)
    helped = _run(["check", "--no-cache", "--jobs", "2", "--format", "json", "page.md"],
                  tmp_path)
    assert alone.returncode == helped.returncode == 1, helped.stderr
    assert helped.stdout == alone.stdout
    hard = [f for f in json.loads(alone.stdout)["files"][0]["findings"]
            if f["rule"] == "hard-sentence"]
    assert any("uncommon word" in f["message"] for f in hard)  # words were looked up
    assert _imported(alone)
    assert not _imported(helped)  # the copy looked them up; this process never loaded wordfreq
    text = _run(["check", "--no-cache", "--jobs", "2", "page.md"], tmp_path)
    assert text.stdout == _run(["check", "--no-cache", "--jobs", "1", "page.md"],
                               tmp_path).stdout


def test_the_copys_values_are_this_processs_values(fresh_module) -> None:  # type: ignore[no-untyped-def]
    from plainlint import readability as rd
    from plainlint import syllables as sy

    copy = prefetch._start([HARD, "Don’t co-produce the £1.50 well-being plan with Zorbulix."])
    assert copy is not None
    found = copy.read()["zipf"]
    assert {"regeneration", "intergenerational", "Don’t", "co-produce", "well-being"} <= set(
        found)
    assert found == {w: rd.zipf.__wrapped__(w) for w in found}  # the same floats, bit for bit
    counted = copy.read()["syllables"]
    assert {"zorbulix", "150"} <= set(counted)  # not in the CMU dictionary
    assert "regeneration" not in counted  # the dictionary has it: counted here, as before
    hyphenate = sy._pyphen()
    assert counted == {w: len(hyphenate.positions(w)) + 1 for w in counted}


def test_a_copy_that_dies_leaves_the_words_to_this_process(fresh_module) -> None:  # type: ignore[no-untyped-def]
    copy = prefetch._start([HARD * 50])
    assert copy is not None
    os.kill(copy.pid, signal.SIGKILL)
    assert copy.read() == {}
    prefetch._copy = copy
    assert prefetch.known("regeneration") is None  # looked up here, as without a copy


def test_an_unread_copy_is_stopped(fresh_module) -> None:  # type: ignore[no-untyped-def]
    copy = prefetch._start([HARD])
    assert copy is not None
    copy.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(copy.pid, os.WNOHANG)  # reaped: no process left behind
    assert copy.read() == {}


def test_a_copy_only_when_jobs_and_the_rules_call_for_it(tmp_path: Path) -> None:
    write(tmp_path / "page.md", HARD)
    code = (
        "import sys\n"
        "from plainlint import prefetch\n"
        "from plainlint.api import Checker, check_text\n"
        "from plainlint.selection import Selection\n"
        "def made(**kw):\n"
        "    prefetch._copy, prefetch._tried = None, False\n"
        "    Checker(**kw).run(['page.md'])\n"
        "    return prefetch._copy is not None\n"
        "check_text(open('page.md').read())\n"  # a library call: one process
        "print(prefetch._copy is not None,\n"
        "      made(jobs=1),\n"
        "      made(jobs=2, selection=Selection(ignore=('hard-sentence',))),\n"
        "      made(jobs=2), 'wordfreq' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    # check_text and --jobs 1 looked words up here (wordfreq is loaded, so the last run
    # would not need a copy either): run the last one in a process of its own.
    assert r.stdout.split() == ["False", "False", "False", "False", "True"]
    code = code.replace("check_text(open('page.md').read())\n", "").replace(
        "      made(jobs=1),\n", "").replace("prefetch._copy is not None,\n", "")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "True", "False"]


def test_a_later_copy_of_the_process_leaves_the_answer_alone(fresh_module) -> None:  # type: ignore[no-untyped-def]
    """A large document's framing analysis runs in a copy forked later (engine.ahead); that
    copy inherits this state, and must neither read the pipe nor wait for a process that is
    not its child: it gets no answers (and looks words up itself), this process gets all."""
    copy = prefetch._start([HARD])
    assert copy is not None
    prefetch._copy = copy
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the later copy
        code = 1
        try:
            os.close(receive)
            code = 0 if (prefetch.known("regeneration") is None
                         and prefetch.hyphenated_syllables("zorbulix") is None) else 3
            copy.stop()
        finally:
            os.write(send, bytes([code]))
            os._exit(0)
    os.close(send)
    assert os.read(receive, 1) == b"\x00"
    os.close(receive)
    os.waitpid(pid, 0)
    assert prefetch.known("regeneration") is not None  # this process still has its answer

