"""The run manifest: a re-run over unchanged files answered from the last run's result.

The results cache (`plainlint.cache`) saves checking a file again, but a run answered from it
still reads the rules and the glossary to work out each file's settings, and reads one entry
per file. A run that repeats the last one exactly (same command line, folder and
``PLAINLINT_`` variables, the same plainlint) over files that have not changed can give the
last run's result straight away. Its manifest records:

- what the run was asked: the paths, rule selection and options, the folder it ran in, and
  plainlint itself (its code, rules and glossary; the versions of Python, spaCy, the English
  pipeline and the word-list packages);
- every file it checked: path, size, modification time and a hash of the content;
- every configuration file that applied, and every glossary file they name, by content;
- the result's errors, warnings and whether it failed, and what it said on the side
  (``--verbose`` notes).

Beside it are kept the result itself (``KEY.findings``) and each report made from it
(``KEY.NAME.report``, one per format and report options), read only when asked for: a re-run
answered with a kept report unpickles no findings and makes no report (`StoredResult`,
`plainlint.api.Checker.report`). Both are signed under the manifest's random token, so they
are never taken for another manifest's.

The files to check are found again (the folder walk, exclusions and what git ignores, exactly
as for any run), so a new, removed or newly ignored file is noticed; then each file's size,
time and content, and each configuration and glossary file's content, must be as recorded.
Anything else, and the run checks as usual (the results cache still answers for unchanged
files) and records a new manifest.

Manifests live in the results cache's folder (``runs/``), are signed with the cache's key and
written atomically like its entries, so a manifest that is corrupt, cut short or not written by
this user is ignored. The newest `KEEP` are kept, with their findings and reports, within a
quarter of the cache's size cap. ``--no-cache`` reads and writes none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plainlint import __version__
from plainlint.model import RunResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from plainlint.model import FileError, FileResult

T = TypeVar("T")

FOLDER = "runs"
#: Bumped when what a manifest holds changes shape.
FORMAT = 2
_MAGIC = b"plainlint-run-2\n"
_RESULT_MAGIC = b"plainlint-run-result-1\n"
_REPORT_MAGIC = b"plainlint-run-report-1\n"
#: Manifests kept: one per command line and folder, so a few cover a project's usual runs.
KEEP = 16
#: The share of the cache's size cap the manifests may take together (the newest are kept);
#: a manifest bigger than that is not written. 200 files of 500 words make one of 5 MB.
SHARE = 4


def _stat_tree(h: Any, folder: Path, pattern: str) -> None:
    """Every file under ``folder`` whose name matches ``pattern`` (``*`` or ``*.ext``), by
    name, size and modification time, in a fixed order (os.scandir: Path.rglob took several
    times as long, on every run)."""
    suffix = "" if pattern == "*" else pattern.lstrip("*")
    stack = [(str(folder), "")]
    while stack:
        where, rel = stack.pop()
        try:
            with os.scandir(where) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = f"{rel}{entry.name}"
            with contextlib.suppress(OSError):
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append((entry.path, f"{name}/"))
                elif entry.name.endswith(suffix):
                    st = entry.stat()
                    h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}|".encode())


def _installed() -> str:
    """plainlint's code, rules and glossary, and the installed copies of Python, spaCy, the
    English pipeline and the packages whose data decide findings: by size and modification
    time (a manifest is this user's, on this machine; installing another version rewrites a
    package's files)."""
    import importlib.util

    from plainlint.cache import DATA_PACKAGES
    from plainlint.nlp import MODEL_PACKAGES
    from plainlint.resources import glossary_dir, rules_dir

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    _stat_tree(h, Path(__file__).resolve().parent, "*.py")
    _stat_tree(h, rules_dir(), "*")
    _stat_tree(h, glossary_dir(), "*")
    for name in ("spacy", *MODEL_PACKAGES, *DATA_PACKAGES):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        where = spec.origin if spec is not None and spec.origin else None
        try:
            st = os.stat(where) if where else None
        except OSError:
            st = None
        h.update(f"{name}={where}:{st.st_size}:{st.st_mtime_ns}|".encode() if st
                 else f"{name}=-|".encode())
    return h.hexdigest()


def run_key(invocation: Any) -> str:
    """The name of the manifest for one way of running: ``invocation`` (the paths and every
    option that can change a result, as a repr-able value), the folder, the ``PLAINLINT_``
    environment variables and plainlint itself."""
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("PLAINLINT_"))
    h = hashlib.sha256()
    h.update(repr((invocation, os.getcwd(), env)).encode("utf-8", "surrogatepass"))
    h.update(_installed().encode())
    return h.hexdigest()


def file_state(path: Path) -> tuple[str, int, int, str] | None:
    """(path, size, modification time, content hash) of a file, or None if it cannot be read."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            digest = hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None
    return str(path), st.st_size, st.st_mtime_ns, digest


def content_state(path: Path | None) -> tuple[str, str]:
    """A configuration or glossary file by its content ("-" when there is none)."""
    if path is None:
        return "-", "-"
    try:
        return str(path), hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path), "unreadable"


@dataclass
class Manifest:
    """What one run read and what it answered, less each file's findings (kept beside it, and
    read only when something asks for them)."""

    targets: list[tuple[str, str, str]]  # (display, path, format) in order
    errors: list[FileError]  # errors finding the files (missing, unsupported)
    files: list[tuple[str, int, int, str] | None]
    configs: list[tuple[str, str]]
    #: The result's errors, warnings and filters, and whether it failed: what a run answered
    #: by its manifest says besides its report.
    result_errors: list[FileError]
    warnings: list[str]
    filters: dict[str, Any]
    failed: bool
    info: list[str] = field(default_factory=list)
    #: Names this manifest's findings and reports: kept with another token, they are not its.
    token: str = ""


class StoredResult(RunResult):
    """A run's result as its manifest recorded it. The errors, warnings and whether it failed
    are there at once; the files and their findings are read on first use (a report kept
    beside the manifest needs none of them). ``load`` gives them: the kept findings, or the
    run checked again when those cannot be read."""

    def __init__(self, manifest: Manifest, load: Callable[[], RunResult]) -> None:
        # RunResult's own __init__ would set ``files``, which is read on first use here.
        self.errors = list(manifest.result_errors)
        self.warnings = list(manifest.warnings)
        self.filters = dict(manifest.filters)
        self._failed = manifest.failed
        self._load = load
        self._files: list[FileResult] | None = None

    @property  # type: ignore[override]
    def files(self) -> list[FileResult]:
        if self._files is None:
            self._files = self._load().files
        return self._files

    @files.setter
    def files(self, value: list[FileResult]) -> None:
        self._files = value

    @property
    def failed(self) -> bool:
        return self._failed if self._files is None else any(f.failed for f in self._files)


def report_name(fmt: str, options: Any) -> str:
    """The name a report is kept under: its format and every option it was made with."""
    return hashlib.sha256(repr((fmt, options)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


class ManifestStore:
    """Manifests in ``<cache folder>/runs/``: ``KEY.run`` (the manifest), ``KEY.findings``
    (the result it answers with) and ``KEY.NAME.report`` (reports made from that result, one
    per format and options). Every failure to read or write is silent."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.folder = Path(root) / FOLDER
        self.max_bytes = max_bytes // SHARE

    def _path(self, key: str, suffix: str = "run") -> Path:
        return self.folder / f"{key}.{suffix}"

    def _read(self, path: Path, key: str, magic: bytes, kind: type[T]) -> T | None:
        from plainlint.cache import _signing_key, unseal

        secret = _signing_key()
        if secret is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        return unseal(raw, key, magic, secret, kind)

    def _write(self, path: Path, value: Any, key: str, magic: bytes) -> bool:
        from plainlint.cache import _signing_key, seal
        from plainlint.fsutil import atomic_write

        secret = _signing_key()
        if secret is None:
            return False
        sealed = seal(value, key, magic, secret)
        if sealed is None or len(sealed) > self.max_bytes:  # unstorable, or over its share
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, sealed, durable=False)
        except OSError:
            return False
        return True

    def get(self, key: str) -> Manifest | None:
        found = self._read(self._path(key), key, _MAGIC, Manifest)
        return found if found is not None and found.token else None

    def result(self, key: str, manifest: Manifest) -> RunResult | None:
        """The result ``manifest`` recorded, or None when it cannot be read."""
        return self._read(self._path(key, "findings"), f"{key}.{manifest.token}",
                          _RESULT_MAGIC, RunResult)

    def report(self, key: str, manifest: Manifest, name: str) -> str | None:
        """A report kept for ``manifest`` under ``name`` (`report_name`), or None."""
        return self._read(self._path(key, f"{name}.report"), f"{key}.{manifest.token}.{name}",
                          _REPORT_MAGIC, str)

    def put(self, key: str, manifest: Manifest, result: RunResult) -> bool:
        """Keep ``manifest`` and its ``result`` (under a new token); True when both were
        written."""
        manifest.token = os.urandom(12).hex()
        self._forget_reports(key)  # made from the last result, which this one replaces
        if not (self._write(self._path(key, "findings"), result, f"{key}.{manifest.token}",
                            _RESULT_MAGIC)
                and self._write(self._path(key), manifest, key, _MAGIC)):
            return False
        self._prune()
        return True

    def put_report(self, key: str, manifest: Manifest, name: str, text: str) -> None:
        if self._write(self._path(key, f"{name}.report"), text,
                       f"{key}.{manifest.token}.{name}", _REPORT_MAGIC):
            self._prune()

    def _forget_reports(self, key: str) -> None:
        with contextlib.suppress(OSError):
            for path in self.folder.glob(f"{key}.*.report"):
                with contextlib.suppress(OSError):
                    path.unlink()

    def _prune(self) -> None:
        """Keep the newest `KEEP` manifests that fit in the share of the cap together, with
        their findings and reports; remove findings and reports whose manifest is gone."""
        groups: dict[str, list[tuple[int, int, Path]]] = {}
        try:
            for path in self.folder.iterdir():
                if not path.name.endswith((".run", ".findings", ".report")):
                    continue  # a file being written (`atomic_write`'s temporary name)
                st = path.stat()
                groups.setdefault(path.name.split(".", 1)[0], []).append(
                    (st.st_mtime_ns, st.st_size, path))
        except OSError:
            return
        newest: list[tuple[int, str]] = []
        for key, members in groups.items():
            run = [m for m in members if m[2].name == f"{key}.run"]
            # A group without its manifest yet may be one being written: left for a while.
            newest.append((run[0][0] if run else max(m[0] for m in members), key))
        total = 0
        for n, (_, key) in enumerate(sorted(newest, reverse=True)):
            total += sum(size for _, size, _ in groups[key])
            if n >= KEEP or total > self.max_bytes:
                for _, _, path in groups[key]:
                    with contextlib.suppress(OSError):
                        path.unlink()
