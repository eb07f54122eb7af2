"""Word frequencies and hyphenations looked up by a copy of this process while it loads spaCy.

The hard-sentence rule asks how common words are (`plainlint.readability.zipf`, from
wordfreq): the first ask imports wordfreq and reads its English word list, about 0.2 s of a
1,000-word check, on one core while the other waits. The readability counts hyphenate the
words the CMU dictionary does not have (`plainlint.syllables.syllables`): loading pyphen's
dictionary is another 0.06 s. When a document is checked in this process and ``--jobs`` allows
a second one, a copy of this process (fork), made before the document is checked, does both
for every word of the document while this one imports spaCy, loads its pipeline and runs the
other rules; `known` and `hyphenated_syllables` give its answers.

The copy runs the same functions, so its answers are the ones this process would find, to
the last bit; a word it has no answer for (or a copy that failed or was not made) is looked up
here as before. Only the first document of a process is helped: after it, a word the copy did
not see is looked up here. Where processes cannot be forked (Windows), or with ``--jobs 1``,
nothing changes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainlint.document import Document
    from plainlint.engine import Settings

#: The kind whose rules ask for word frequencies.
ASKING_KIND = "sentence-difficulty"


class _Copy:
    """The copy looking words up, and its answer once read."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        #: The process that made the copy: another copy of it (`plainlint.engine.ahead` forks
        #: later) must neither read the pipe nor wait for a process that is not its child.
        self.owner = os.getpid()
        self.answer: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        """The copy's answer (waiting for it); empty when it failed, or in another process."""
        if os.getpid() != self.owner:
            return {}
        if self.answer is None:
            chunks = []
            try:
                while chunk := os.read(self.fd, 1 << 16):
                    chunks.append(chunk)
            except OSError:
                chunks = []
            finally:
                os.close(self.fd)
                _, status = os.waitpid(self.pid, 0)
            found: object = None
            if os.waitstatus_to_exitcode(status) == 0:
                with contextlib.suppress(Exception):
                    found = pickle.loads(b"".join(chunks))  # our own copy wrote it
            self.answer = found if isinstance(found, dict) else {}
        return self.answer

    def stop(self) -> None:
        """Stop a copy whose answer was never asked for."""
        if self.answer is None and os.getpid() == self.owner:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.close(self.fd)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.answer = {}


_copy: _Copy | None = None
_tried = False


def known(word: str) -> float | None:
    """The copy's Zipf frequency for ``word``, or None when it has none."""
    return _copy.read().get("zipf", {}).get(word) if _copy is not None else None


def hyphenated_syllables(word: str) -> int | None:
    """The copy's syllable count, by hyphenation, for a lower-case ``word`` the CMU dictionary
    does not have, or None when it has none."""
    return _copy.read().get("syllables", {}).get(word) if _copy is not None else None


@contextmanager
def word_frequencies(document: Document, settings: Settings) -> Iterator[None]:
    """Look up the words of ``document`` in a copy of this process while the block runs, when
    that can help (see the module's note); the copy is stopped at the end if its answer was
    never needed."""
    global _copy
    if not _worth_it(settings):
        yield
        return
    copy = _start([b.text for b in document.blocks])
    _copy = copy
    try:
        yield
    finally:
        if copy is not None:
            copy.stop()


def _worth_it(settings: Settings) -> bool:
    global _tried
    # The processes this document may use: the engine's (`plainlint.engine.document_jobs`).
    from plainlint.engine import _DOCUMENT_JOBS

    if (_tried or _DOCUMENT_JOBS.get() < 2 or not hasattr(os, "fork") or "wordfreq" in sys.modules
            or not any(r.kind == ASKING_KIND for r in settings.rules)):
        return False
    _tried = True  # once a process: a later document finds wordfreq loaded, or loads it
    return True


def _start(texts: list[str]) -> _Copy | None:
    try:
        receive, send = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left for a copy
        os.close(receive)
        os.close(send)
        return None
    if pid == 0:  # the copy: look the words up, send them, and leave at once
        code = 1
        try:
            os.close(receive)
            data = pickle.dumps(_look_up(texts), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(send, view):]
            code = 0
        except BaseException:  # anything at all: the first process looks the words up
            pass
        finally:
            os._exit(code)  # no atexit handlers, no buffers flushed twice
    os.close(send)
    return _Copy(pid, receive)


def _look_up(texts: list[str]) -> dict[str, dict[str, Any]]:
    global _copy
    _copy = None  # this process answers for itself
    from plainlint import readability as rd
    from plainlint import syllables as sy
    from plainlint.kinds.readability import _WORD

    found: dict[str, float] = {}
    counted: dict[str, int] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if word not in found:
                found[word] = rd.zipf(word)
        # The words the readability counts and the hard-words test split, lower case.
        for piece in {*sy.words(text), *sy.words(text.replace("\u2019", "'"))}:
            lower = piece.lower()
            if lower not in counted and sy.pronunciation(lower) is None:
                counted[lower] = sy.syllables(lower)
    return {"zipf": found, "syllables": counted}
