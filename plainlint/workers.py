"""Worker processes for ``--jobs``: each loads the rules and the English pipeline once and
checks the files it is given.

The parent reads every file and answers what it can from the cache; workers get a file's
target and content (never a path to read again, so a file edited during the run is checked as
it was read), resolve its settings as the parent would, check it, and send the `FileResult`
back without its `Document`. The parent keeps the order of the files, stores results in the
cache, and parses a document again when a report needs it. Where processes can be forked (Linux,
the BSDs) a worker starts as a copy of the parent, with its configuration and rules already
loaded; elsewhere it builds the same `Checker` from the options.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainlint.api import Checker, Outcome, Target
    from plainlint.document import Source
    from plainlint.engine import Selection

#: For tests only: a worker that is given a file whose name ends with this value exits at
#: once, as a worker killed for lack of memory would.
CRASH_ENV = "PLAINLINT_TEST_WORKER_CRASH"

_checker: Checker | None = None
_parent: Checker | None = None  # the checker a forked worker starts from


def _fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def can_run(checker: Checker) -> bool:
    """Can this checker's work be shared out? A spawned worker rebuilds the checker from its
    options, so it needs the built-in rules."""
    from plainlint.rules import builtin

    return _fork_available() or checker.registry is builtin()


def _init(options: tuple[Selection, Path | None, list[str]] | None) -> None:
    global _checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run on Ctrl+C
    for sig in (signal.SIGTERM, signal.SIGHUP):  # forked from a parent that catches them
        signal.signal(sig, signal.SIG_DFL)
    if options is None:
        assert _parent is not None
        checker = _parent
    else:
        from plainlint.api import Checker

        selection, config_path, exclude = options
        checker = Checker(selection, config_path, exclude=exclude)
    # The parent reads and writes the results; a forked worker keeps its files' facts
    # (`Checker.facts`, kept from the parent), a spawned one has none.
    checker.cache = None
    checker.keep_documents = False  # the parent parses again when it needs a document
    checker.jobs = 1
    _checker = checker


def check(target: Target, source: Source | None, data: bytes | None) -> Outcome:
    """Check one file in a worker: (result, errors), as `Checker.run` would record them."""
    from plainlint.api import Input, guarded
    from plainlint.model import FileError

    assert _checker is not None
    checker = _checker
    errors: list[FileError] = []
    crash = os.environ.get(CRASH_ENV)
    if crash and target.display.endswith(crash):
        os._exit(9)  # for tests: a worker that dies as if killed

    def work() -> Any:
        item = Input(target, checker.settings_for(target.path), source=source, data=data)
        return checker.check_input(item, store=False)

    result = guarded(target, errors, work)
    return result, errors


def check_batch(items: list[tuple[Target, Source | None, bytes | None]]) -> list[Outcome]:
    """Check several files in one task: for small files, sending each on its own cost more
    than checking it."""
    return [check(*item) for item in items]


def batches(sizes: list[int], workers: int, max_files: int = 64,
            max_chars: int = 200_000) -> list[list[int]]:
    """Indexes of the files, in order, grouped into tasks: each up to ``max_files`` files and
    about ``max_chars`` characters, and small enough that every worker gets several (so one
    slow file does not leave the others idle at the end)."""
    total = sum(sizes)
    target = max(1, min(max_chars, total // (workers * 4) + 1))
    out: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for i, size in enumerate(sizes):
        if current and (len(current) >= max_files or weight + size > target):
            out.append(current)
            current, weight = [], 0
        current.append(i)
        weight += size
    if current:
        out.append(current)
    return out


@contextmanager
def pool(checker: Checker, workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes set up to check files as ``checker`` would."""
    global _parent
    if _fork_available():
        _parent = checker
        context = multiprocessing.get_context("fork")
        initargs: tuple[Any, ...] = (None,)
    else:
        context = multiprocessing.get_context()
        initargs = ((checker.selection, checker.config_path, checker.extra_exclude),)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_init, initargs=initargs)
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _parent = None
    executor.shutdown(wait=True)
