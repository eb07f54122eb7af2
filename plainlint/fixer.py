"""`plainlint fix` as a library: apply findings' fixes to files, never harming a document.

For each file, the fixer checks the text, takes every finding whose `Fix` it may apply (safe
ones; unsafe ones too when asked), drops any that overlaps a fix already taken, asks the caller
about each one when interactive, and applies them all at once. Then it checks the new text again
and repeats, because one fix can make room for another (an overlapping fix, an "a" that now
needs to be "an"), until a round changes nothing. A second run therefore changes nothing.

Files keep their encoding, byte-order mark, line endings and every character outside the
replaced spans; plainlint refuses to write a file whose bytes it could not reproduce exactly, or
that changed on disk while it worked, and writes through `fsutil.atomic_write`.

Nothing here prints: `plainlint.cli` shows the results.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import enum
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plainlint import formats
from plainlint.api import Checker, Target, check_source, guarded
from plainlint.document import LineIndex, Source
from plainlint.engine import Settings
from plainlint.fsutil import atomic_write
from plainlint.model import FileError, FileResult, Finding, Fix
from plainlint.source import (
    EmptyInput,
    InputError,
    read_text_input,
)

#: A file needs more rounds only when fixes overlap or make room for each other; this many
#: rounds means something keeps changing, and the fixer stops rather than loop.
MAX_ROUNDS = 10

Edit = tuple[int, int, str]  # start, end, replacement, in one round's text

# Reasons a fix was not applied (reasons a finding has no fix at all come from plainlint.fixes).
UNSAFE = "needs a person to check; `plainlint fix --unsafe-fixes` would write “{replacement}”"
DECLINED = "you chose not to apply it"
SKIPPED_FILE = "you skipped the rest of this file"
QUIT = "you stopped before this one"
OVERLAP = "overlaps another fix; run plainlint fix again"
CHANGED = "the text is no longer what was checked; run plainlint fix again"
REWRITTEN = "an earlier fix wrote these words, and plainlint never fixes its own changes"


class Decision(enum.Enum):
    """An answer to "apply this fix?" in interactive mode, as in ``git add -p``."""

    YES = "y"  # apply this fix
    NO = "n"  # do not apply it
    ALL = "a"  # apply this fix and every later one in this file
    SKIP_FILE = "d"  # do not apply this fix or any later one in this file
    QUIT = "q"  # apply nothing more; fixes already accepted are still written


@dataclass(frozen=True)
class Proposal:
    """A fix waiting for a decision: where it is and what it would change."""

    path: str
    finding: Finding
    fix: Fix
    text: str  # the file's current text, which the fix's offsets refer to
    index: int  # 1-based count of proposals in this file so far
    accepted: tuple[Edit, ...] = ()  # fixes already accepted in this round, not yet applied

    def lines(self) -> tuple[str, str]:
        """The whole lines the fix touches, before and after it (without the line ending),
        with the fixes already accepted on them in place."""
        start = self.text.rfind("\n", 0, self.fix.offset) + 1
        end_nl = self.text.find("\n", self.fix.end_offset)
        end = len(self.text) if end_nl == -1 else end_nl
        near = [(s - start, e - start, r) for s, e, r in self.accepted
                if start <= s and e <= end]
        here = (self.fix.offset - start, self.fix.end_offset - start, self.fix.replacement)
        window = self.text[start:end]
        before = apply_edits(window, near)
        after = apply_edits(window, [*near, here])
        return before.rstrip("\r"), after.rstrip("\r")


Decide = Callable[[Proposal], Decision]


@dataclass(frozen=True)
class Applied:
    """A fix that was made. ``line`` and ``column`` are where it is in the file on disk after
    the run: the new words in a written file, the old words when nothing was written."""

    rule: str
    text: str
    replacement: str
    line: int
    column: int
    safe: bool


@dataclass(frozen=True)
class NotApplied:
    """A finding left as it was, and why. Its position is in the file as it is on disk."""

    finding: Finding
    reason: str

    @property
    def fixable_unsafe(self) -> bool:
        return self.finding.fix is not None and not self.finding.fix.safe


@dataclass
class FileFix:
    """What fixing one file did."""

    path: str
    format: str
    source: Source  # the file as it was read
    text: str  # the text after the fixes
    applied: list[Applied] = field(default_factory=list)
    not_applied: list[NotApplied] = field(default_factory=list)
    result: FileResult | None = None  # the check of the text after the fixes
    rounds: int = 0
    written: bool = False
    warnings: list[str] = field(default_factory=list)
    raw: bytes = b""  # the bytes that were read
    from_stdin: bool = False

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def encoded(self) -> bytes:
        """The new text in the file's own encoding, with its byte-order mark if it had one.
        Raises `UnicodeEncodeError` when that encoding cannot hold a character of it."""
        return encode_like(self.text, self.raw, self.source.encoding)

    def diff(self, context: int = 3) -> str:
        """A unified diff from the file as read to the fixed text ('' when nothing changed)."""
        return unified_diff(self.source.text, self.text, self.path, context)


@dataclass
class FixRun:
    """The outcome of fixing a set of paths."""

    files: list[FileFix] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: bool = False  # the person answered quit
    not_reached: int = 0  # files left alone because of quit

    @property
    def failed(self) -> bool:
        """True when, after the fixes, a file still has a finding at or above its fail-on."""
        return any(f.result is not None and f.result.failed for f in self.files)

    @property
    def applied(self) -> int:
        return sum(len(f.applied) for f in self.files)


_FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "odt": "OpenDocument"}


def _cannot_write(fmt: str) -> str:
    """Why `plainlint fix` leaves a Word, PDF or OpenDocument file alone, and what to use."""
    text = (f"plainlint fix changes Markdown, HTML and text files, not "
            f"{_FORMAT_NAMES.get(fmt, fmt)} files")
    if fmt == "docx":
        text += " (plainlint annotate writes a copy with a comment on each finding)"
    return text


class Fixer:
    """Fixes files with one selection of rules, as `plainlint fix` does.

    ``unsafe``: apply unsafe fixes too. ``decide``: ask about each fix (interactive mode);
    without it every fix is applied. ``write``: write changed files; without it (``--diff``)
    nothing on disk changes.
    """

    def __init__(
        self,
        checker: Checker,
        *,
        unsafe: bool = False,
        decide: Decide | None = None,
        write: bool = True,
    ) -> None:
        self.checker = checker
        self.unsafe = unsafe
        self.decide = decide
        self.write = write
        self._quit = False

    def run(
        self,
        paths: Iterable[str],
        stdin_data: bytes | None = None,
        stdin_filename: str | None = None,
    ) -> FixRun:
        run = FixRun()
        self._quit = False
        paths = list(paths)
        targets, errors = self.checker.targets(paths, stdin_filename)
        run.errors.extend(errors)
        named = set(paths)
        passed_over: list[str] = []
        for target in targets:
            if formats.is_binary(target.format):
                # Word, PDF and OpenDocument files are read, never written: a file named on
                # the command line is an error, one found in a folder is passed over.
                if target.path is None or target.display in named:
                    run.errors.append(FileError(target.display, _cannot_write(target.format)))
                else:
                    passed_over.append(target.display)
                continue
            if self._quit:
                run.not_reached += 1
                continue
            fixed = guarded(target, run.errors,
                            lambda t=target: self._fix_unless_empty(t, stdin_data),
                            bug_note="nothing was written; ")
            if fixed is not None:
                run.files.append(fixed)
        run.stopped = self._quit
        run.warnings.extend(self.checker.warnings)
        if passed_over:
            n = len(passed_over)
            run.warnings.append(
                f"left {n} Word, PDF or OpenDocument file{'' if n == 1 else 's'} as "
                f"{'it is' if n == 1 else 'they are'} ({', '.join(passed_over[:3])}"
                f"{', ...' if n > 3 else ''}): plainlint fix changes Markdown, HTML and text "
                "files only")
        for f in run.files:
            run.warnings.extend(f"{f.path}: {w}" for w in f.warnings)
        return run

    def _fix_unless_empty(self, target: Target, stdin_data: bytes | None) -> FileFix | None:
        """`fix_target`, with nothing to do (and no error) for an empty placeholder page."""
        try:
            return self.fix_target(target, stdin_data)
        except EmptyInput:
            return None

    def fix_target(self, target: Target, stdin_data: bytes | None = None) -> FileFix:
        """Fix one file (or standard input). Raises `InputError` when it cannot be read or
        written; a file that could not be written is left exactly as it was."""
        settings = self.checker.settings_for(target.path)
        limits = settings.config.limits
        raw, source = read_text_input(target.path, target.display, limits, target.format,
                                      stdin_data)
        if encode_like(source.text, raw, source.encoding) != raw:
            raise InputError(
                "plainlint could not write this file back byte for byte (or it changed while "
                "being read), so it fixes nothing in it"
            )
        with self.checker.keeping_facts(target.display, target.format):  # its last check's
            fixed = self.fix_source(source, target.format, settings, raw)
        fixed.from_stdin = target.path is None
        if fixed.changed:
            try:
                payload = fixed.encoded()
            except UnicodeEncodeError as exc:
                bad = exc.object[exc.start:exc.end]
                raise InputError(
                    f"a fix would put “{bad}” in the file, which its encoding "
                    f"({source.encoding}) cannot hold, so nothing was written; save the file "
                    "as UTF-8 to fix it"
                ) from None
            if self.write and target.path is not None:
                _write_back(target.path, raw, payload)
                fixed.written = True
        return fixed

    def fix_source(
        self, source: Source, fmt: str, settings: Settings, raw: bytes = b""
    ) -> FileFix:
        """Apply fixes to a decoded source in memory; nothing is read or written.

        Each round checks the whole text again, with the facts of the rounds before
        (`nlp.Facts`): only the sentences the fixes changed are analysed again."""
        from plainlint import nlp

        kept = nlp.facts()
        with nlp.keeping(kept if kept is not None else nlp.Facts()):
            result = _Session(self, source, fmt, settings).run()
        result.raw = raw or encode_like(source.text, _bom_for(source), source.encoding)
        return result


class _Session:
    """Fixing one file: rounds of check, choose, ask and apply."""

    def __init__(self, fixer: Fixer, source: Source, fmt: str, settings: Settings) -> None:
        self.fixer = fixer
        self.source = source
        self.fmt = fmt
        self.settings = settings
        self.rounds: list[list[Edit]] = []
        self.reasons: dict[tuple[str, int, int], str] = {}  # (rule, start, end) -> reason
        self.applied: list[tuple[int, Finding, Fix]] = []  # round, finding, fix
        self.written: list[tuple[int, int]] = []  # spans of text that fixes wrote
        self.pending: list[Edit] = []
        self.accept_all = False
        self.skip_rest = False
        self.asked = 0

    def check(self, text: str) -> FileResult:
        current = Source(self.source.path, text, self.source.encoding, self.source.bom)
        result = check_source(current, self.fmt, self.settings)
        result.fail_on = self.settings.fail_on
        return result

    def run(self) -> FileFix:
        text = self.source.text
        result = self.check(text)
        warnings: list[str] = []
        for _ in range(MAX_ROUNDS):
            chosen = self.choose(result, text)
            if not chosen:
                break
            edits = [(f.fix.offset, f.fix.end_offset, f.fix.replacement)
                     for f in chosen if f.fix is not None]
            for f in chosen:
                assert f.fix is not None
                self.applied.append((len(self.rounds), f, f.fix))
            text = apply_edits(text, edits)
            self.rounds.append(edits)
            self.reasons = {
                (rule, *map_span(s, e, edits)): why for (rule, s, e), why in self.reasons.items()
            }
            self.written = [map_span(s, e, edits) for s, e in self.written]
            self.written.extend(_new_spans(edits))
            result = self.check(text)
            if self.fixer._quit:
                break
        else:
            warnings.append(
                f"fixes were still changing the text after {MAX_ROUNDS} rounds; "
                "run plainlint fix again and check the result"
            )
        return self.report(text, result, warnings)

    def choose(self, result: FileResult, text: str) -> list[Finding]:
        """The findings whose fixes this round applies: allowed, not overlapping, accepted."""
        chosen: list[Finding] = []
        self.pending: list[Edit] = []  # what this round has accepted so far
        last_end = -1
        candidates = [f for f in result.findings if f.fix is not None]
        candidates.sort(key=lambda f: (f.fix.offset, f.fix.end_offset))  # type: ignore[union-attr]
        for f in candidates:
            fix = f.fix
            assert fix is not None
            key = (f.rule, f.offset, f.end_offset)
            if key in self.reasons or (not fix.safe and not self.fixer.unsafe):
                continue
            if any(s < f.end_offset and f.offset < e for s, e in self.written):
                # A replacement that is itself flagged would be replaced again, and again.
                self.reasons[key] = REWRITTEN
                continue
            if fix.offset < last_end:
                continue  # taken up again next round, once the fix it overlaps is in place
            if text[fix.offset : fix.end_offset] != fix.text:
                self.reasons[key] = CHANGED
                continue
            if not self.accepted(f, fix, text, key):
                if self.fixer._quit:
                    break
                continue
            chosen.append(f)
            self.pending.append((fix.offset, fix.end_offset, fix.replacement))
            last_end = fix.end_offset
        return chosen

    def accepted(self, finding: Finding, fix: Fix, text: str, key: tuple[str, int, int]) -> bool:
        decide = self.fixer.decide
        if decide is None or self.accept_all:
            return True
        if self.fixer._quit:
            self.reasons[key] = QUIT
            return False
        if self.skip_rest:
            self.reasons[key] = SKIPPED_FILE
            return False
        self.asked += 1
        answer = decide(Proposal(self.source.path, finding, fix, text, self.asked,
                                 tuple(self.pending)))
        if answer is Decision.YES:
            return True
        if answer is Decision.ALL:
            self.accept_all = True
            return True
        if answer is Decision.SKIP_FILE:
            self.skip_rest = True
            self.reasons[key] = SKIPPED_FILE
            return False
        if answer is Decision.QUIT:
            self.fixer._quit = True
            self.reasons[key] = QUIT
            return False
        self.reasons[key] = DECLINED
        return False

    def report(self, text: str, result: FileResult, warnings: list[str]) -> FileFix:
        on_disk_is_new = self.fixer.write  # positions refer to the text the run leaves
        out = FileFix(
            path=self.source.path,
            format=self.fmt,
            source=self.source,
            text=text,
            result=result,
            rounds=len(self.rounds),
            warnings=warnings,
        )
        original_lines = self.source.lines
        final_lines = LineIndex(text)
        for round_no, finding, fix in self.applied:
            if on_disk_is_new:
                start = _shift_into_round(fix, self.rounds[round_no])
                for later in self.rounds[round_no + 1 :]:
                    start = map_span(start, start, later)[0]
                line, column = final_lines.position(start)
            else:
                start = fix.offset
                for earlier in reversed(self.rounds[:round_no]):
                    start = map_span_back(start, start, earlier)[0]
                line, column = original_lines.position(start)
            out.applied.append(Applied(
                finding.rule, fix.text, fix.replacement, line, column, fix.safe,
            ))
        out.applied.sort(key=lambda a: (a.line, a.column))
        for f in result.findings:
            reason = self.reasons.get((f.rule, f.offset, f.end_offset), "")
            if not reason:
                if f.fix is None:
                    reason = f.no_fix or "no fix for this finding"
                elif not f.fix.safe and not self.fixer.unsafe:
                    reason = UNSAFE.format(replacement=f.fix.replacement)
                elif self.fixer._quit:
                    reason = QUIT
                else:
                    reason = OVERLAP
            shown = f if on_disk_is_new else self.back_to_original(f, original_lines)
            out.not_applied.append(NotApplied(shown, reason))
        return out

    def back_to_original(self, f: Finding, lines: LineIndex) -> Finding:
        """A finding in the fixed text, placed in the text as it was read."""
        if not self.rounds:
            return f
        start, end = f.offset, f.end_offset
        for edits in reversed(self.rounds):
            start, end = map_span_back(start, end, edits)
        line, column = lines.position(start)
        end_line, end_column = lines.end_position(start, end)
        return dataclasses.replace(
            f, offset=start, end_offset=end, line=line, column=column, end_line=end_line,
            end_column=end_column, text=self.source.text[start:end],
        )


def _new_spans(edits: list[Edit]) -> list[tuple[int, int]]:
    """Where each edit's replacement is in the text after the edits."""
    out = []
    delta = 0
    for s, e, r in sorted(edits):
        out.append((s + delta, s + delta + len(r)))
        delta += len(r) - (e - s)
    return out


def _shift_into_round(fix: Fix, edits: list[Edit]) -> int:
    """Where a fix's replacement starts in the text after its own round."""
    delta = 0
    for s, e, r in sorted(edits):
        if s >= fix.offset:
            break
        delta += len(r) - (e - s)
    return fix.offset + delta


# -- edits --------------------------------------------------------------------------------------


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits ``(start, end, replacement)`` to ``text``.

    Raises `ValueError` if edits overlap or fall outside the text.
    """
    out: list[str] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        if start < pos or end < start or end > len(text):
            raise ValueError(f"edit {start}:{end} overlaps another or lies outside the text")
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix], list[tuple[Fix, str]]]:
    """Apply fixes from an earlier check (for example read back from JSON) to ``text``.

    A fix is applied only if ``text`` still holds its ``text`` at its offsets and it does not
    overlap a fix applied before it. Returns the new text, the fixes applied, and the others
    with the reason.
    """
    taken: list[Fix] = []
    skipped: list[tuple[Fix, str]] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda x: (x.offset, x.end_offset)):
        if text[fix.offset : fix.end_offset] != fix.text:
            skipped.append((fix, CHANGED))
        elif fix.offset < last_end:
            skipped.append((fix, OVERLAP))
        else:
            taken.append(fix)
            last_end = fix.end_offset
    new = apply_edits(text, [(f.offset, f.end_offset, f.replacement) for f in taken])
    return new, taken, skipped


def map_span(start: int, end: int, edits: Sequence[Edit]) -> tuple[int, int]:
    """Where ``[start, end)`` of a text is after ``edits``. A span that overlaps an edit
    covers the edit's new text; an edit that only touches it does not move its ends."""
    return _map(start, end, [(s, e, len(r)) for s, e, r in sorted(edits)])


def map_span_back(start: int, end: int, edits: Sequence[Edit]) -> tuple[int, int]:
    """Where ``[start, end)`` of an edited text was before ``edits``."""
    inverse = []
    delta = 0
    for s, e, r in sorted(edits):
        ns = s + delta
        inverse.append((ns, ns + len(r), e - s))
        delta += len(r) - (e - s)
    return _map(start, end, inverse)


def _map(start: int, end: int, edits: list[tuple[int, int, int]]) -> tuple[int, int]:
    """Map a span through edits given as (start, end, new length), sorted and disjoint."""
    starts = [s for s, _, _ in edits]

    def point(pos: int, right: bool) -> int:
        delta = 0
        for s, e, n in edits[: bisect.bisect_left(starts, pos)]:
            if s <= pos < e or (right and s < pos <= e):
                # Inside an edit: the edit's start, or its end for the end of a span.
                return s + delta + (n if right else 0)
            delta += n - (e - s)
        return pos + delta

    new_start = point(start, right=False)
    new_end = point(end, right=True) if end > start else new_start
    return new_start, max(new_start, new_end)


# -- reading and writing ------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(text: str, raw: bytes, encoding: str = "utf-8") -> bytes:
    """Encode ``text`` as ``raw`` is encoded: the same byte-order mark and encoding
    (``encoding``, such as an HTML file's declared Windows-1252, when it has no mark)."""
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            return mark + text.encode(codec)
    return text.encode(encoding if encoding != "utf-8-sig" else "utf-8")


def _bom_for(source: Source) -> bytes:
    """The byte-order mark a decoded source had (little-endian when that is all we know)."""
    if source.encoding.startswith("utf-16"):
        return codecs.BOM_UTF16_BE if source.encoding.endswith("be") else codecs.BOM_UTF16_LE
    if source.encoding.startswith("utf-32"):
        return codecs.BOM_UTF32_BE if source.encoding.endswith("be") else codecs.BOM_UTF32_LE
    return codecs.BOM_UTF8 if source.bom else b""


def _write_back(path: Path, raw: bytes, payload: bytes) -> None:
    """Replace a file's bytes atomically, after checking nobody changed it meanwhile."""
    real = Path(os.path.realpath(path))  # write through a symbolic link, never over it
    try:
        with open(real, "rb") as fh:
            now = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read it again before writing ({exc.strerror})") from None
    if now != raw:
        raise InputError("it changed while plainlint was fixing it, so nothing was written; "
                         "run plainlint fix again")
    if not os.access(real, os.W_OK):
        # Renaming a new file into place would work, but a read-only file says "leave me".
        raise InputError("the file is read-only, so the fixes were not written")
    try:
        atomic_write(real, payload)
    except OSError as exc:
        raise InputError(
            f"could not write the fixes ({exc.strerror or exc}); the file is unchanged"
        ) from None


# -- diffs --------------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """A unified diff that ``git apply`` and ``patch -p1`` accept, with git's marker for a last
    line that has no line break."""
    import difflib

    if old == new:
        return ""
    a = _LINE.findall(old)
    b = _LINE.findall(new)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
