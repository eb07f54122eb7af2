"""plainlint as a library: functions that return results and never print or exit.

>>> from plainlint.api import check_text
>>> result = check_text("We will engage stakeholders going forward.", fmt="text")
>>> [f.rule for f in result.findings]
['jargon', 'jargon']
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plainlint import formats
from plainlint.cache import FactStore, ResultCache
from plainlint.config import (
    DEFAULT_EXCLUDE,
    Config,
    ConfigError,
    clear_caches,
    discover,
    glob_match,
    load_file,
)
from plainlint.config import relative as relative_path
from plainlint.document import Source
from plainlint.model import FileError, FileResult, RunResult
from plainlint.selection import Selection
from plainlint.source import (
    EmptyInput,
    InputError,
    Limits,
    check_encoding,
    check_stdin_size,
    decode,
    describe_os_error,
    read_bytes,
    read_text_input,
)
from plainlint.textutil import display_name

if TYPE_CHECKING:
    from plainlint.engine import Settings, SettingsCache
    from plainlint.rules import Registry

# The rules, the glossary, spaCy's wrapper and the worker processes' modules are imported
# where they are used: a run answered by its manifest needs none of them, and importing them
# was a third of its time.

STDIN = "-"


@dataclass(frozen=True)
class Target:
    """A file to check: where it is, how to show its name, and which format it is in."""

    path: Path | None  # None for standard input
    display: str
    format: str


class Checker:
    """Checks files with one selection of rules, finding each file's configuration."""

    def __init__(
        self,
        selection: Selection | None = None,
        config_path: Path | None = None,
        registry: Registry | None = None,
        exclude: Iterable[str] = (),
        keep_documents: bool = False,
        cache: ResultCache | None = None,
        jobs: int = 1,
        encoding: str | None = None,
        no_ignore: bool = False,
    ) -> None:
        clear_caches()
        self.selection = selection if selection is not None else Selection()
        self._registry = registry
        self.config_path = config_path
        self.fixed_config = load_file(config_path.resolve()) if config_path else None
        if config_path is not None and self.fixed_config.path is None:
            raise ConfigError(f"{config_path}: no [tool.plainlint] table in this file")
        self.extra_exclude = list(exclude)
        self.keep_documents = keep_documents  # for reports that show findings in place
        #: Results of unchanged files (see plainlint.cache); None checks every file afresh.
        self.cache = cache
        #: What the analyses of each file found, for its next check (`FactStore`).
        self.facts = FactStore(cache.root, cache.max_bytes) if cache is not None else None
        #: Worker processes for runs over several files; 0 means one per core.
        self.jobs = jobs if jobs > 0 else default_jobs()
        #: The encoding of text files that are not UTF-8 (``--encoding``): it wins over the
        #: configuration's ``encoding``.
        self.encoding = check_encoding(encoding) if encoding else None
        #: Walk folders without asking git what it ignores (``--no-ignore``).
        self.no_ignore = no_ignore
        self.warnings: list[str] = []
        #: Things worth saying with --verbose: placeholder pages, files git ignores.
        self.info: list[str] = []
        self._warned: set[str] = set()
        self._settings: SettingsCache = {}
        self._configs: dict[Path | None, Config] = {}
        #: The last run's manifest key, manifest and result, when it has one (see `report`).
        self._recorded: tuple[str, Any, RunResult] | None = None

    @property
    def registry(self) -> Registry:
        """The rules, read on first use: a run answered by its manifest never reads them."""
        if self._registry is None:
            from plainlint.rules import builtin

            self._registry = builtin()
        return self._registry

    # -- configuration ----------------------------------------------------------------------
    def config_for(self, path: Path | None) -> Config:
        if self.fixed_config is not None:
            config = self.fixed_config
        else:
            config = self._configs.get(path)  # each file is asked about more than once a run
            if config is None:
                config = discover(path if path is not None else Path.cwd())
                self._configs[path] = config
        for w in config.warnings:
            if w not in self._warned:
                self._warned.add(w)
                self.warnings.append(w)
        if self.encoding is not None and config.limits.encoding != self.encoding:
            config.limits = dataclasses.replace(config.limits, encoding=self.encoding)
        return config

    def settings_for(self, path: Path | None) -> Settings:
        from plainlint.engine import resolve

        config = self.config_for(path)
        return resolve(config, self.registry, path, self.selection, self._settings)

    def excluded(self, path: Path) -> bool:
        return self.excluded_by(path) is not None

    def excluded_by(self, path: Path) -> str | None:
        """Why ``path`` is excluded, in words (``exclude ("drafts/") in pyproject.toml``, or
        ``--exclude ("*.md")``), or None when it is not."""
        config = self.config_for(path)
        if not (config.exclude or self.extra_exclude):
            return None
        rel = relative_path(path, config.root)
        for p in config.exclude:
            if glob_match(p, rel):
                where = config.path.name if config.path is not None else "the configuration"
                return f"`exclude` ({json.dumps(p)}) in {where}"
        for p in self.extra_exclude:
            if glob_match(p, rel):
                return f"--exclude ({json.dumps(p)})"
        return None

    def _not_ignored(self, top: Path, shown: str, found: list[Target]) -> list[Target]:
        """The files found in a folder, less those git ignores when the folder is in a git
        repository (unless ``no_ignore``). Outside git, every file found."""
        if self.no_ignore or not found:
            return found
        from plainlint.gitdiff import ignored

        paths = [t.path for t in found if t.path is not None]
        left_out = ignored(top, [p.relative_to(top) for p in paths])
        if not left_out:
            return found
        kept = [t for t in found if t.path is None or t.path.relative_to(top) not in left_out]
        n = len(found) - len(kept)
        self.info.append(f"{shown}: {n} file{'' if n == 1 else 's'} that git ignores "
                         "(.gitignore) not checked; --no-ignore checks them")
        return kept

    def stdin_limit_mb(self) -> float:
        """The most standard input plainlint reads: the larger of the two size limits."""
        limits = self.config_for(None).limits
        return max(limits.max_file_mb, limits.max_document_mb)

    # -- files ------------------------------------------------------------------------------
    def targets(self, paths: Iterable[str], stdin_filename: str | None = None
                ) -> tuple[list[Target], list[FileError]]:
        """Expand paths into files to check, and errors for paths that cannot be checked."""
        targets: list[Target] = []
        errors: list[FileError] = []
        seen: set[str] = set()
        for arg in paths:
            if arg == STDIN:
                name = stdin_filename or "stdin.md"
                fmt = formats.format_for(name) or "markdown"
                targets.append(Target(None, display_name(stdin_filename or "-"), fmt))
                continue
            path = Path(arg)
            shown = display_name(arg)
            if path.is_dir():
                unreadable: list[FileError] = []
                found = self._not_ignored(path, shown, list(self._walk(path, arg, unreadable)))
                errors.extend(unreadable)
                if not found and not unreadable:
                    errors.append(FileError(shown, "no files plainlint reads found here"))
                for t in found:
                    key = os.path.realpath(t.path) if t.path else t.display
                    if key not in seen:
                        seen.add(key)
                        targets.append(t)
                continue
            if not path.exists():
                errors.append(FileError(shown, _missing(path)))
                continue
            fmt = formats.format_for(path)
            if fmt is None:
                errors.append(FileError(shown, _unsupported(path)))
                continue
            why = self.excluded_by(path)
            if why is not None:
                # Named on the command line, so say why it was not checked.
                self.warnings.append(f"{shown}: not checked: excluded by {why}")
                continue
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                targets.append(Target(path, shown, fmt))
        return targets, errors

    def _walk(self, top: Path, shown: str, errors: list[FileError]) -> Iterator[Target]:
        """The files plainlint reads under ``top``; a folder that cannot be listed (permission
        denied) is an error, never skipped in silence."""

        def shown_as(path: Path) -> str:
            rel = path.relative_to(top).as_posix()
            if rel == ".":
                return display_name(shown)
            return display_name(rel if shown in (".", "./") else f"{shown.rstrip('/')}/{rel}")

        def failed(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else top
            errors.append(FileError(shown_as(where),
                                    f"cannot read this folder: {describe_os_error(exc)}"))

        for dirpath, dirnames, filenames in os.walk(top, onerror=failed, followlinks=False):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames
                if not d.startswith(".") and d not in DEFAULT_EXCLUDE
                and not self.excluded(here / d)
            )
            for name in sorted(filenames):
                if name.startswith((".", "~$")):  # hidden, and Word's lock files
                    continue
                fmt = formats.format_for(name)
                if fmt is None:
                    continue
                path = here / name
                if self.excluded(path):
                    continue
                yield Target(path, shown_as(path), fmt)

    # -- checking ---------------------------------------------------------------------------
    def read_target(self, target: Target, stdin_data: bytes | None = None) -> Input:
        """Read one target with its settings. Raises `InputError` when it cannot be read."""
        settings = self.settings_for(target.path)
        limits: Limits = settings.config.limits
        if formats.is_binary(target.format):
            if target.path is None:
                data = stdin_data or b""
                check_stdin_size(data, limits.max_document_mb, "max-document-size-mb")
            else:
                data = read_bytes(target.path, limits.max_document_mb, "max-document-size-mb")
            if not data:
                raise InputError("file is empty")
            return Input(target, settings, data=data)
        try:
            _, source = read_text_input(target.path, target.display, limits, target.format,
                                        stdin_data)
        except EmptyInput as exc:
            # A placeholder page: checked, with nothing to report (as Ruff and Vale do).
            return Input(target, settings, empty=str(exc))
        return Input(target, settings, source=source)

    def check_target(self, target: Target, stdin_data: bytes | None = None) -> FileResult:
        """Check one target. Raises `InputError` when it cannot be read."""
        item = self.read_target(target, stdin_data)
        if item.empty is not None:
            return item.empty_result()
        cached = self.cached(item)
        return cached if cached is not None else self.check_input(item)

    def check_input(self, item: Input, store: bool = True) -> FileResult:
        """Check what `read_target` read (and keep the result in the cache)."""
        target, settings = item.target, item.settings
        if item.empty is not None:
            return item.empty_result()
        with self.keeping_facts(target.display, target.format):
            if item.data is not None:
                result = check_bytes(item.data, target.display, target.format, settings,
                                     self.keep_documents)
            else:
                assert item.source is not None
                result = check_source(item.source, target.format, settings,
                                      self.keep_documents)
        result.fail_on = settings.fail_on
        if store:
            self.store(item, result)
        return result

    @contextmanager
    def keeping_facts(self, display: str, fmt: str, save: bool = True) -> Iterator[None]:
        """Check with the facts of the file's last check (`FactStore`), and keep this one's
        (with ``save``): only what changed is analysed again. Not where facts are already
        kept (the workbench's session, the rounds of a fix) or nothing is cached."""
        from plainlint import nlp

        if self.facts is None or nlp.facts() is not None:
            yield
            return
        key = self.facts.key(display, fmt)
        facts = self.facts.load(key)
        with nlp.keeping(facts):
            yield
        if save:
            self.facts.save(key, facts)

    def _cache_key(self, item: Input) -> str | None:
        if self.cache is None:
            return None
        content = item.data if item.data is not None else item.source.text  # type: ignore[union-attr]
        return self.cache.key(item.settings, item.target.display, item.target.format, content)

    def cached(self, item: Input) -> FileResult | None:
        """The cached result for an unchanged file, or None."""
        key = self._cache_key(item)
        if key is None:
            return None
        result = self.cache.get(key)  # type: ignore[union-attr]
        if result is None:
            return None
        result.path = item.target.display
        result.fail_on = item.settings.fail_on
        result.preset = item.settings.preset
        if item.source is not None:
            result.text = item.source.text
        if self.keep_documents:
            self.attach_document(item, result)
        return result

    def store(self, item: Input, result: FileResult) -> None:
        key = self._cache_key(item)
        if key is not None:
            self.cache.put(key, result, keep_text=item.data is not None)  # type: ignore[union-attr]

    def attach_document(self, item: Input, result: FileResult) -> None:
        """Parse the file again for a result that has no `Document` (one from the cache or a
        worker process): reports that show findings in place need it, and parsing is cheap
        next to checking."""
        if item.data is not None:
            document = formats.parse_bytes(item.data, item.target.display, item.target.format,
                                           item.settings.config.limits, item.settings.skips)
            result.text = document.source.text
        else:
            assert item.source is not None
            document = formats.parse(item.source, item.target.format, item.settings.skips)
        result.document = document

    def run(self, paths: Iterable[str], stdin_data: bytes | None = None,
            stdin_filename: str | None = None,
            progress: Callable[[int, int, str], None] | None = None,
            *, fresh: bool = False) -> RunResult:
        """Check every path. ``progress(done, total, name)`` is called after each file.
        ``fresh``: never answer from the run manifest (one is still recorded).

        With ``jobs`` above 1 and more than one file to check afresh, files are checked in
        worker processes; results, errors and their order are the same as with one.
        """
        paths = list(paths)
        self._recorded = None
        self._configs.clear()  # configuration files may have come and gone since the last run
        targets, errors = self.targets(paths, stdin_filename)
        recording = self._manifest_key(paths, targets, stdin_filename)
        if recording is not None:
            answered = None if fresh else self._from_manifest(recording, targets, errors, paths,
                                                              stdin_filename)
            if answered is not None:
                if progress is not None:
                    for done, target in enumerate(targets, 1):
                        progress(done, len(targets), target.display)
                return answered
            info_before = len(self.info)
            from plainlint.manifest import file_state

            states = [file_state(t.path) for t in targets]  # type: ignore[arg-type]
        result = RunResult()
        result.errors.extend(errors)
        try:
            if self.jobs > 1 and len(targets) > 1 and _can_share(self):
                outcomes = self._run_parallel(targets, stdin_data)
            else:
                outcomes = (self._one(t, stdin_data) for t in targets)
            for done, (target, (checked, errs)) in enumerate(
                    zip(targets, outcomes, strict=True), 1):
                result.errors.extend(errs)
                if checked is not None:
                    result.files.append(checked)
                if progress is not None:
                    progress(done, len(targets), target.display)
        finally:
            if self.cache is not None:
                self.cache.prune()
        result.warnings.extend(self.warnings)
        for f in result.files:
            result.warnings.extend(f"{f.path}: {w}" for w in f.warnings)
        if recording is not None:
            self._record(recording, targets, errors, states, result, self.info[info_before:])
        return result

    # -- the run manifest (plainlint.manifest) ----------------------------------------------
    def _manifest_key(self, paths: list[str], targets: list[Target],
                      stdin_filename: str | None) -> str | None:
        """The manifest's name for this run, or None when the run cannot have one: no
        cache, standard input, or reports that need each file's document (HTML)."""
        if (self.cache is None or self.keep_documents or STDIN in paths
                or any(t.path is None for t in targets)):
            return None
        from plainlint import manifest

        config = None if self.config_path is None else str(self.config_path.resolve())
        return manifest.run_key(("check", paths, self.selection, config, self.extra_exclude,
                                 self.encoding, self.no_ignore, stdin_filename,
                                 str(self.cache.root.resolve())))

    def _configs_state(self, targets: list[Target]) -> list[tuple[str, str]]:
        """Every configuration file that applies to ``targets``, and the glossary files they
        name, by content."""
        from plainlint.manifest import content_state

        seen: dict[str, tuple[str, str]] = {}
        for t in targets:
            config = self.config_for(t.path)
            for path in (config.path, *config.glossary):
                key = str(path)
                if key not in seen:
                    seen[key] = content_state(path)
        return list(seen.values())

    def _from_manifest(self, key: str, targets: list[Target], errors: list[FileError],
                       paths: list[str], stdin_filename: str | None) -> RunResult | None:
        """The last result of this run, when nothing it read has changed since. Its files
        and findings are read when first asked for (a kept report needs none of them)."""
        from plainlint.manifest import ManifestStore, StoredResult, file_state

        assert self.cache is not None
        store = ManifestStore(self.cache.root, self.cache.max_bytes)
        found = store.get(key)
        if (found is None or found.targets != [(t.display, str(t.path), t.format)
                                                 for t in targets]
                or found.errors != errors):
            return None
        for target, state in zip(targets, found.files, strict=True):
            if state is None or file_state(target.path) != state:  # type: ignore[arg-type]
                return None
        if found.configs != self._configs_state(targets):
            return None
        self.info.extend(found.info)

        def load() -> RunResult:
            kept = store.result(key, found)
            if kept is not None:
                return kept
            # Unreadable findings (removed or corrupt since): check the run again, and keep
            # no report made from that result under this manifest's name.
            self._recorded = None
            return self.run(paths, stdin_filename=stdin_filename, fresh=True)

        answered = StoredResult(found, load)
        self._recorded = (key, found, answered)
        return answered

    def _record(self, key: str, targets: list[Target], errors: list[FileError],
                states: list[Any], result: RunResult, info: list[str]) -> None:
        """Keep this run's manifest, with the files as they were before they were read;
        not when one of them changed while the run read it."""
        from plainlint.manifest import Manifest, ManifestStore, file_state

        assert self.cache is not None
        if any(s is None or file_state(t.path) != s  # type: ignore[arg-type]
               for t, s in zip(targets, states, strict=True)):
            return
        try:
            self.cache._make_root()
        except OSError:  # a cache that cannot be written is never fatal
            return
        manifest = Manifest(
            targets=[(t.display, str(t.path), t.format) for t in targets], errors=errors,
            files=states, configs=self._configs_state(targets),
            result_errors=list(result.errors), warnings=list(result.warnings),
            filters=dict(result.filters), failed=result.failed, info=info)
        if ManifestStore(self.cache.root, self.cache.max_bytes).put(key, manifest, result):
            self._recorded = (key, manifest, result)

    def report(self, result: RunResult, fmt: str, options: Any,
               make: Callable[[], str]) -> str:
        """The report ``make`` makes of ``result`` in ``fmt`` with ``options``. When
        ``result`` is this checker's last run, unchanged and recorded in its manifest, the
        report is kept beside the manifest, and a later run answered by that manifest gives
        the kept one without making it again (``options`` must be every input of the report
        besides the result, the folder and plainlint itself: they are part of its name)."""
        recorded = self._recorded
        if recorded is None or recorded[2] is not result or result.filters or self.cache is None:
            return make()
        from plainlint.manifest import ManifestStore, report_name

        key, manifest, _ = recorded
        store = ManifestStore(self.cache.root, self.cache.max_bytes)
        name = report_name(fmt, options)
        kept = store.report(key, manifest, name)
        if kept is not None:
            return kept
        text = make()
        if self._recorded is recorded:  # still the recorded result (see `_from_manifest`)
            store.put_report(key, manifest, name, text)
        return text

    def _one(self, target: Target, stdin_data: bytes | None) -> Outcome:
        """Check one file in this process; it may use ``jobs`` processes (a copy looking its
        words up, `plainlint.prefetch`; a large document's framing, `plainlint.engine.ahead`)."""
        from plainlint.engine import document_jobs

        errors: list[FileError] = []
        with document_jobs(self.jobs):
            checked = guarded(target, errors, lambda: self.check_target(target, stdin_data))
        return checked, errors

    def _run_parallel(self, targets: list[Target], stdin_data: bytes | None
                      ) -> Iterator[Outcome]:
        """Read every file and answer from the cache here; check the rest in worker
        processes, and give the outcomes back in the order of ``targets``."""
        pending: list[Outcome | Input] = []
        for target in targets:
            errors: list[FileError] = []

            def read(t: Target = target) -> Outcome | Input:
                item = self.read_target(t, stdin_data)
                if item.empty is not None:
                    return item.empty_result(), []
                hit = self.cached(item)
                return (hit, []) if hit is not None else item

            got = guarded(target, errors, read)
            pending.append(got if got is not None else (None, errors))
        todo = [p for p in pending if isinstance(p, Input)]
        if len(todo) < 2:
            for p in pending:
                yield p if not isinstance(p, Input) else self._one_input(p)
            return
        from concurrent.futures.process import BrokenProcessPool

        from plainlint import workers

        jobs = min(self.jobs, len(todo))
        sizes = [len(p.source.text) if p.source is not None else len(p.data or b"")
                 for p in todo]
        with workers.pool(self, jobs) as pool:
            futures: dict[int, tuple[Any, int]] = {}
            for batch in workers.batches(sizes, jobs):
                items = [todo[i] for i in batch]
                future = pool.submit(workers.check_batch,
                                     [(p.target, p.source, p.data) for p in items])
                for k, p in enumerate(items):
                    futures[id(p)] = (future, k)
            broken = False
            for p in pending:
                if not isinstance(p, Input):
                    yield p
                    continue
                if not broken:
                    future, k = futures[id(p)]
                    try:
                        checked, errors = future.result()[k]
                    except BrokenProcessPool:
                        # A worker was killed (out of memory, or by someone): nothing is lost,
                        # the files not yet checked are checked here, one by one.
                        broken = True
                        self.warnings.append(
                            "a worker process stopped unexpectedly (out of memory, or killed); "
                            "the files it had not finished were checked in the main process")
                if broken:
                    yield self._one_input(p)
                    continue
                if checked is not None:
                    self.store(p, checked)
                    if self.keep_documents:
                        self.attach_document(p, checked)
                yield checked, errors

    def _one_input(self, item: Input) -> Outcome:
        from plainlint.engine import document_jobs

        errors: list[FileError] = []
        with document_jobs(self.jobs):
            return guarded(item.target, errors, lambda: self.check_input(item)), errors


@dataclass
class Input:
    """A file read and ready to check: the target, its settings, and its text or bytes."""

    target: Target
    settings: Settings
    source: Source | None = None  # text formats
    data: bytes | None = None  # Word, PDF and OpenDocument
    empty: str | None = None  # a text file with nothing to check: "empty", "only white space"

    def empty_result(self) -> FileResult:
        """The result of a placeholder page: no findings, and why (`FileResult.empty`)."""
        return FileResult(self.target.display, self.target.format, empty=self.empty,
                          fail_on=self.settings.fail_on)


Outcome = tuple["FileResult | None", "list[FileError]"]


def _can_share(checker: Checker) -> bool:
    from plainlint import workers

    return workers.can_run(checker)


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


T = TypeVar("T")


def guarded(target: Target, errors: list[FileError], work: Callable[[], T],
            bug_note: str = "") -> T | None:
    """Do ``work`` for one file, so one bad file never stops a run over many.

    A file that cannot be read (`InputError`) becomes one line in ``errors``, and so does a bug
    in plainlint (its exception named, ``bug_note`` added; ``PLAINLINT_DEBUG=1`` raises it
    instead). A configuration, glossary, rule or model problem stops the run: it is not the
    file's.
    """
    from plainlint.glossary import GlossaryError
    from plainlint.nlp import ModelMissing
    from plainlint.rules import RuleError

    try:
        return work()
    except InputError as exc:
        errors.append(FileError(target.display, str(exc)))
    except (ConfigError, GlossaryError, RuleError, ModelMissing):
        raise
    except Exception as exc:  # a bug in plainlint: report it, go on with the other files
        if os.environ.get("PLAINLINT_DEBUG"):
            raise
        errors.append(FileError(
            target.display,
            f"internal error ({type(exc).__name__}: {exc}); {bug_note}please report this, "
            "with the file if you can (PLAINLINT_DEBUG=1 shows the details)",
        ))
    return None


def _missing(path: Path) -> str:
    """Why a path that does not exist (as far as following links goes) cannot be read."""
    try:
        os.stat(path)
    except OSError as exc:
        if not (exc.errno == errno.ENOENT and path.is_symlink()):
            return describe_os_error(exc)
    return "broken symbolic link" if path.is_symlink() else "no such file or directory"


def _unsupported(path: Path) -> str:
    exts = ", ".join(formats.supported_extensions())
    suffix = path.suffix or "(no extension)"
    return f"plainlint does not read {suffix} files (it reads {exts})"


def check_source(source: Source, fmt: str, settings: Settings,
                 keep_document: bool = False) -> FileResult:
    from plainlint.engine import check_document

    document = formats.parse(source, fmt, settings.skips)
    result = check_document(document, settings)
    result.text = source.text
    if keep_document:
        result.document = document
    return result


def check_bytes(data: bytes, path: str, fmt: str, settings: Settings,
                keep_document: bool = False) -> FileResult:
    """Check a Word, PDF or OpenDocument file's bytes. Findings get a ``location``."""
    from plainlint.engine import check_document
    from plainlint.formats.extract import locate_findings

    if not data:
        raise InputError("file is empty")
    document = formats.parse_bytes(data, path, fmt, settings.config.limits, settings.skips)
    result = check_document(document, settings)
    locate_findings(document, result.findings)
    result.text = document.source.text
    if keep_document:
        result.document = document
    return result


def check_paths(
    paths: Iterable[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config_path: Path | None = None,
) -> RunResult:
    """Check files and folders with their configuration, as `plainlint check` does."""
    selection = Selection(select=tuple(select) if select is not None else None,
                          ignore=tuple(ignore))
    return Checker(selection, config_path).run(paths)


def check_text(
    text: str,
    fmt: str = "markdown",
    path: str = "<text>",
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config: Config | None = None,
    registry: Registry | None = None,
) -> FileResult:
    """Check a string. Raises `InputError` for text plainlint cannot check (such as empty)."""
    from plainlint.engine import resolve
    from plainlint.rules import builtin

    registry = registry or builtin()
    selection = Selection(select=tuple(select) if select is not None else None,
                          ignore=tuple(ignore))
    settings = resolve(config or Config(), registry, None, selection)
    source = decode(text.encode("utf-8"), path, settings.config.limits)
    return check_source(source, fmt, settings, keep_document=True)
