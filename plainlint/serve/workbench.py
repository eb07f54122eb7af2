"""The writing workbench without the web: sessions, checking as the writer types, swaps, undo,
files in and out. `plainlint.serve.app` puts HTTP in front of it; nothing here knows HTTP.

How a change is checked again
-----------------------------
Each change sends the whole text. It goes through the same engine as `plainlint check`
(`plainlint.api.check_source`), so findings, positions and measures are exactly what the CLI
gives for the same text: there is no second, incremental engine whose answers could drift.
What makes that fast is that each session keeps the spaCy analyses of its text
(`plainlint.nlp.Memo`): only the paragraphs and sentences that changed are analysed again, and
the analyses are most of the cost of a check (see benchmarks/run.py, "serve").

A session is one browser's: its text, format, findings, undo history and rule switches. Two
sessions never share any of it.
"""

from __future__ import annotations

import io
import os
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from plainlint import formats
from plainlint.api import Checker, check_source
from plainlint.config import Config
from plainlint.document import Source
from plainlint.engine import Selection, Settings, resolve
from plainlint.fixer import Fixer, apply_fixes
from plainlint.model import FileResult, Finding
from plainlint.nlp import Memo, reusing
from plainlint.source import InputError, Limits, check_stdin_size, decode
from plainlint.textutil import printable

#: The formats a writer can choose for text they type or paste.
TEXT_FORMATS = {"text": "Plain text", "markdown": "Markdown", "html": "HTML"}
#: How far back undo goes.
UNDO_DEPTH = 200
#: Sessions kept at once; the one used longest ago goes first.
MAX_SESSIONS = 32
#: spaCy analyses a session keeps (sentences and paragraphs, at each level): enough for a
#: document of about 20,000 words, with room for edits; the oldest go first.
MEMO_SIZE = 6000
#: A session nobody has used for this long is forgotten.
SESSION_IDLE_SECONDS = 12 * 3600
_DOWNLOAD_SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}


class Conflict(Exception):
    """The text changed since the page asked for an edit: the page must refresh first."""


@dataclass
class Original:
    """A Word file as it was uploaded, so its annotated copy keeps its formatting."""

    data: bytes
    text: str  # the text extracted from it, as first shown


@dataclass
class Session:
    """One writer's work: never shared between browsers."""

    id: str
    csrf: str
    text: str = ""
    format: str = "markdown"
    name: str = "my-text"  # the stem for downloads, from an uploaded file's name
    version: int = 0
    undo: list[tuple[str, str]] = field(default_factory=list)  # (text, format) before a change
    ignored: set[str] = field(default_factory=set)  # rules switched off for this session
    result: FileResult | None = None
    ordered: list[Finding] = field(default_factory=list)  # findings as numbered on the page
    error: str = ""  # the one-line reason the text or file could not be checked
    notice: str = ""  # what the last action did, for the page to say
    original: Original | None = None
    memo: Memo = field(default_factory=lambda: Memo(MEMO_SIZE))
    used: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Workbench:
    """Sessions and the one loaded engine they share."""

    def __init__(self, config_path: Path | None = None) -> None:
        self.checker = Checker(Selection(), config_path)
        self.config: Config = self.checker.config_for(None)
        self.registry = self.checker.registry
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()
        #: One check at a time: spaCy and the rules are not written for threads, and a
        #: laptop's cores are better spent on one writer's answer than on several slow ones.
        self.engine_lock = threading.Lock()

    # -- limits -----------------------------------------------------------------------------
    @property
    def limits(self) -> Limits:
        return self.config.limits

    def max_body(self) -> int:
        """The most bytes any request may send: the larger of `check`'s two size limits."""
        return int(max(self.limits.max_file_mb, self.limits.max_document_mb) * 1_000_000)

    # -- sessions ---------------------------------------------------------------------------
    def new_session(self) -> Session:
        s = Session(id=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32))
        with self._lock:
            self._forget_idle()
            self._sessions[s.id] = s
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
        return s

    def session(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            self._forget_idle()
            found = None
            for key, s in self._sessions.items():
                if secrets.compare_digest(key.encode(), sid.encode()):
                    found = s
            if found is not None:
                found.used = time.monotonic()
                self._sessions.move_to_end(found.id)
            return found

    def _forget_idle(self) -> None:
        now = time.monotonic()
        for key in [k for k, s in self._sessions.items() if now - s.used > SESSION_IDLE_SECONDS]:
            del self._sessions[key]

    # -- checking ---------------------------------------------------------------------------
    def settings(self, session: Session) -> Settings:
        selection = Selection(ignore=tuple(sorted(session.ignored)))
        return resolve(self.config, self.registry, None, selection, self.checker._settings)

    def rules(self) -> list[Any]:
        """The rules this configuration turns on, which a writer may switch off."""
        on = resolve(self.config, self.registry, None, Selection(), self.checker._settings)
        return [r for r in on.rules if r.id != "unused-suppression"]

    def check(self, session: Session) -> None:
        """Check the session's text again; keep the result, or the reason it cannot be."""
        session.error = ""
        session.result = None
        session.ordered = []
        if not session.text.strip():
            return
        try:
            source = decode(session.text.encode("utf-8"), session.name, self.limits,
                            session.format)
            if source.text != session.text:  # a leading byte-order mark was dropped
                session.text = source.text
            with self.engine_lock, reusing(session.memo):
                result = check_source(source, session.format, self.settings(session),
                                      keep_document=True)
        except InputError as exc:
            session.error = f"{printable(session.name)}: {exc}"
            return
        except Exception as exc:  # a bug in plainlint: one line in the page, and go on
            if os.environ.get("PLAINLINT_DEBUG"):
                raise
            session.error = (f"{printable(session.name)}: internal error "
                             f"({type(exc).__name__}: {exc}); please report this, with the "
                             "text if you can (PLAINLINT_DEBUG=1 shows the details)")
            return
        session.result = result
        session.ordered = sorted(result.findings, key=lambda f: f.sort_key)

    # -- edits ------------------------------------------------------------------------------
    def _remember(self, session: Session) -> None:
        session.undo.append((session.text, session.format))
        del session.undo[:-UNDO_DEPTH]

    def _changed(self, session: Session, text: str, fmt: str | None = None) -> None:
        session.text = text
        if fmt is not None:
            session.format = fmt
        session.version += 1
        self.check(session)

    def _expect(self, session: Session, version: int | None) -> None:
        if version is not None and version != session.version:
            raise Conflict("the text changed while you were choosing; look again and retry")

    def set_text(self, session: Session, text: str, fmt: str | None = None,
                 snapshot: bool = True) -> None:
        """What the writer typed (the whole text). ``snapshot``: undo can come back here."""
        if fmt is not None and fmt not in TEXT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        text = one_line_ending(text)
        if text == session.text and (fmt is None or fmt == session.format):
            return
        if snapshot:
            self._remember(session)
        session.notice = ""
        self._changed(session, text, fmt)

    def accept(self, session: Session, n: int, version: int | None) -> str:
        """Make finding ``n``'s safe swap (the fix `plainlint fix` makes). Returns what changed."""
        self._expect(session, version)
        if not 1 <= n <= len(session.ordered):
            raise Conflict("that problem is no longer in the text")
        finding = session.ordered[n - 1]
        fix = finding.fix
        if fix is None or not fix.safe:
            raise Conflict("plainlint has no safe swap for this one: change it by hand")
        new, taken, _ = apply_fixes(session.text, [fix])
        if not taken:
            raise Conflict("the text changed while you were choosing; look again and retry")
        self._remember(session)
        session.notice = f"Changed “{fix.text}” to “{fix.replacement}”."
        self._changed(session, new)
        return session.notice

    def accept_all(self, session: Session, version: int | None) -> str:
        """Every safe swap, made exactly as `plainlint fix` makes them (rounds until none)."""
        self._expect(session, version)
        if session.result is None:
            return ""
        source = Source(session.name, session.text)
        with self.engine_lock, reusing(session.memo):
            fixed = Fixer(self.checker, write=False).fix_source(
                source, session.format, self.settings(session))
        count = len(fixed.applied)
        if fixed.text == session.text:
            session.notice = "There were no safe swaps to make."
            return session.notice
        self._remember(session)
        session.notice = f"Made {count} safe swap{'' if count == 1 else 's'}."
        self._changed(session, fixed.text)
        return session.notice

    def undo(self, session: Session) -> str:
        if not session.undo:
            session.notice = "Nothing to undo."
            return session.notice
        text, fmt = session.undo.pop()
        session.notice = "Undone."
        self._changed(session, text, fmt)
        return session.notice

    def set_rule(self, session: Session, rule: str, on: bool) -> None:
        if self.registry.get(rule) is None:
            raise ValueError(f"unknown rule {rule!r}")
        (session.ignored.discard if on else session.ignored.add)(rule)
        self.check(session)

    # -- files ------------------------------------------------------------------------------
    def upload(self, session: Session, name: str, data: bytes) -> None:
        """A file the writer dropped on the page: read by its content with the same readers
        and limits as `plainlint check`. Nothing is written to disk; the name is only shown."""
        shown = safe_name(name)
        stem = PurePosixPath(shown).stem or "document"
        try:
            kind = sniff_format(data, shown)
            if formats.is_binary(kind):
                check_stdin_size(data, self.limits.max_document_mb, "max-document-size-mb")
                document = formats.parse_bytes(data, shown, kind, self.limits)
                text, fmt = one_line_ending(document.source.text), "text"
                original = Original(data, text) if kind == "docx" else None
            else:
                check_stdin_size(data, self.limits.max_file_mb, "max-file-size-mb")
                source = decode(data, shown, self.limits, kind)
                text, fmt, original = one_line_ending(source.text), kind, None
        except InputError as exc:
            session.error = f"{shown}: {_file_reason(exc)}"
            session.notice = ""
            return
        self._remember(session)
        session.name = stem
        session.original = original
        session.notice = f"Opened {shown}."
        self._changed(session, text, fmt)

    def too_big(self, session: Session, name: str) -> None:
        """An upload refused for its size before it was read."""
        limit = max(self.limits.max_file_mb, self.limits.max_document_mb)
        session.error = (f"{safe_name(name)}: file is over the {limit:g} MB limit; "
                         "raise max-document-size-mb to check it")
        session.notice = ""

    def download_text(self, session: Session) -> tuple[str, bytes]:
        return (session.name + _DOWNLOAD_SUFFIX.get(session.format, ".txt"),
                session.text.encode("utf-8"))

    def download_annotated(self, session: Session) -> tuple[str, bytes]:
        """A Word copy with a review comment on each problem (`plainlint annotate`). A Word
        file the writer opened and has not changed keeps all its formatting; otherwise the
        copy is made from the text, a paragraph for each paragraph."""
        from plainlint.annotate import annotate_bytes

        original = session.original
        if original is not None and original.text == session.text:
            data = original.data
        else:
            data = text_to_docx(session.text, session.format)
        with self.engine_lock, reusing(session.memo):
            done = annotate_bytes(data, session.name + ".docx", self.settings(session))
        return session.name + "-plainlint.docx", done.data


def one_line_ending(text: str) -> str:
    """Text with every line ending as ``\n``: a browser's text box holds nothing else, so
    offsets on the server and in the page count the same characters."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def safe_name(name: str) -> str:
    """The last part of a file name a browser sent, one printable line; never a path."""
    last = PureWindowsPath(PurePosixPath(name or "").name).name
    last = "".join(c if c.isprintable() else "_" for c in last).strip().lstrip(".")
    return last[:120] or "document"


def _file_reason(exc: InputError) -> str:
    text = str(exc)
    # The readers phrase stdin's size limit for the command line; a dropped file is a file.
    return text.replace("standard input is", "file is")


def sniff_format(data: bytes, name: str) -> str:
    """Which reader a file needs, from its bytes. The name only tells Markdown from plain text
    (their bytes look alike); it never chooses a binary reader."""
    from plainlint.formats.container import sniff

    kind = sniff(data)
    if kind == "pdf":
        return "pdf"
    if kind == "zip":
        if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
            return "odt"
        return "docx"
    if kind in ("ole", "rtf"):
        return "docx"  # the Word reader explains what it is and how to save it
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<main", b"<p>",
                        b"<h1", b"<div", b"<article", b"<section")):
        return "html"
    if formats.format_for(name) == "markdown":
        return "markdown"
    return "text"


def text_to_docx(text: str, fmt: str) -> bytes:
    """A plain Word document holding ``text``: one paragraph for each paragraph, Markdown
    headings as Word headings."""
    import re

    import docx

    document = docx.Document()
    if fmt == "html":
        from plainlint.formats import parse

        parsed = parse(Source("page.html", text), "html")
        for block in parsed.blocks:
            if block.text.strip():
                style = (f"Heading {min(max(block.level, 1), 6)}"
                         if block.kind.value == "heading" else None)
                document.add_paragraph(block.text.replace("\ufffc", "…"), style=style)
    else:
        for para in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
            if not para.strip():
                continue
            m = re.match(r"(#{1,6})[ \t]+(.*)", para) if fmt == "markdown" else None
            if m and "\n" not in para.strip():
                document.add_paragraph(m.group(2).strip(), style=f"Heading {len(m.group(1))}")
            else:
                document.add_paragraph(" ".join(para.split()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
