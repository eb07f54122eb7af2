"""Configuration: found, read and checked in one place.

plainlint reads ``[tool.plainlint]`` from ``pyproject.toml``, or a ``plainlint.toml`` or
``.plainlint.toml`` file (where the settings sit at the top level, or under ``[tool.plainlint]``).
For each checked file it uses the nearest configuration in the file's folder or a folder above
it; ``--config`` names one file for every path instead. See docs/configuration.md.

Unknown keys produce a warning naming the file and key. A value of the wrong type or an unknown
rule stops the run with exit code 2 and a message naming the file and the key.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from plainlint.model import Severity
from plainlint.source import (
    DEFAULT_MAX_DECOMPRESSED_MB,
    DEFAULT_MAX_DOCUMENT_MB,
    DEFAULT_MAX_FILE_MB,
    DEFAULT_MAX_LINE_LENGTH,
    Limits,
    check_encoding,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".plainlint.toml", "plainlint.toml", "pyproject.toml")
DEFAULT_FAIL_ON = Severity.WARNING
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                   ".tox", ".plainlint_cache", "site-packages")

_TOP_KEYS = {
    "select", "ignore", "extend-select", "fail-on", "exclude", "extend-exclude", "glossary",
    "accept", "severity", "rules", "overrides", "max-file-size-mb", "max-line-length",
    "report-unused-suppressions", "extensions", "max-document-size-mb", "max-decompressed-mb",
    "preset", "ignore-patterns", "ignore-blocks", "encoding",
}
_OVERRIDE_KEYS = {"paths", "select", "ignore", "extend-select", "severity", "rules", "accept",
                  "preset", "ignore-patterns", "ignore-blocks"}


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'ignore'?)`` for a mistyped name, or "" when nothing is close."""
    import difflib

    close = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


class ConfigError(Exception):
    """Configuration that cannot be used; the message names the file and the key."""


@dataclass
class Override:
    paths: list[str]
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    accept: list[str] = field(default_factory=list)
    content: ContentSettings = field(default_factory=lambda: ContentSettings())


@dataclass
class Config:
    """One configuration file's settings (or the defaults, with ``path`` None)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] | None = None  # None: every rule
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity | None = DEFAULT_FAIL_ON  # None: findings never fail the run
    exclude: list[str] = field(default_factory=list)
    glossary: list[Path] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    report_unused_suppressions: bool = False
    warnings: list[str] = field(default_factory=list)
    content: ContentSettings = field(default_factory=lambda: ContentSettings())

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "defaults"


# -- reading ------------------------------------------------------------------------------------


def _where(path: Path, key: str) -> str:
    return f"{path}: {key}"


def _str_list(value: Any, path: Path, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{_where(path, key)}: expected a list of strings, got {value!r}")


def _severity_map(value: Any, path: Path, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{_where(path, key)}: expected a table of rule = severity")
    out = {}
    for rule, sev in value.items():
        try:
            out[rule] = Severity.parse(sev)
        except ValueError as exc:
            raise ConfigError(f"{_where(path, f'{key}.{rule}')}: {exc}") from None
    return out


def _rule_options(value: Any, path: Path, key: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{_where(path, key)}: expected tables like [{key}.long-sentence]")
    return {k: dict(v) for k, v in value.items()}


def _number(value: Any, path: Path, key: str, minimum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ConfigError(f"{_where(path, key)}: expected a number of at least {minimum:g}")
    return value


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Build a `Config` from the plainlint table of a file."""
    root = path.parent
    cfg = Config(path=path, root=root)
    for key in data:
        if key not in _TOP_KEYS:
            cfg.warnings.append(
                f"{path}: unknown setting {key!r} ignored{did_you_mean(key, _TOP_KEYS)}")
    if "select" in data:
        cfg.select = _str_list(data["select"], path, "select")
    if "extend-select" in data:
        cfg.extend_select = _str_list(data["extend-select"], path, "extend-select")
    if "ignore" in data:
        cfg.ignore = _str_list(data["ignore"], path, "ignore")
    if "fail-on" in data:
        value = data["fail-on"]
        if value == "never":
            cfg.fail_on = None
        else:
            try:
                cfg.fail_on = Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(f"{_where(path, 'fail-on')}: {exc} (or never)") from None
    cfg.exclude = _str_list(data.get("exclude", []), path, "exclude") + _str_list(
        data.get("extend-exclude", []), path, "extend-exclude"
    )
    for g in _str_list(data.get("glossary", []), path, "glossary"):
        gp = (root / g).resolve()
        if not gp.is_file():
            raise ConfigError(f"{_where(path, 'glossary')}: no such file {g!r}")
        cfg.glossary.append(gp)
    cfg.accept = _str_list(data.get("accept", []), path, "accept")
    if "severity" in data:
        cfg.severity = _severity_map(data["severity"], path, "severity")
    if "rules" in data:
        cfg.rules = _rule_options(data["rules"], path, "rules")
    max_mb = _number(data.get("max-file-size-mb", DEFAULT_MAX_FILE_MB), path,
                     "max-file-size-mb", 0.001)
    max_line = _number(data.get("max-line-length", DEFAULT_MAX_LINE_LENGTH), path,
                       "max-line-length", 80)
    max_doc = _number(data.get("max-document-size-mb", DEFAULT_MAX_DOCUMENT_MB), path,
                      "max-document-size-mb", 0.001)
    max_unpacked = _number(data.get("max-decompressed-mb", DEFAULT_MAX_DECOMPRESSED_MB), path,
                           "max-decompressed-mb", 0.001)
    encoding = data.get("encoding")
    if encoding is not None:
        if not isinstance(encoding, str):
            raise ConfigError(f"{_where(path, 'encoding')}: expected an encoding name such as "
                              "\"cp1252\"")
        try:
            encoding = check_encoding(encoding)
        except ValueError as exc:
            raise ConfigError(f"{_where(path, 'encoding')}: {exc}") from None
    cfg.limits = Limits(float(max_mb), int(max_line), float(max_doc), float(max_unpacked),
                        encoding)
    unused = data.get("report-unused-suppressions", False)
    if not isinstance(unused, bool):
        raise ConfigError(f"{_where(path, 'report-unused-suppressions')}: expected true or false")
    cfg.report_unused_suppressions = unused
    cfg.content = parse_content(data, path, "")
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ConfigError(f"{_where(path, 'overrides')}: expected [[overrides]] tables")
    for i, o in enumerate(overrides):
        key = f"overrides[{i}]"
        for k in o:
            if k not in _OVERRIDE_KEYS:
                cfg.warnings.append(f"{path}: unknown setting {key}.{k!r} ignored"
                                    f"{did_you_mean(k, _OVERRIDE_KEYS)}")
        if "paths" not in o:
            raise ConfigError(f"{_where(path, key)}: 'paths' is required")
        cfg.overrides.append(
            Override(
                paths=_str_list(o["paths"], path, f"{key}.paths"),
                select=_str_list(o["select"], path, f"{key}.select") if "select" in o else None,
                extend_select=_str_list(o.get("extend-select", []), path, f"{key}.extend-select"),
                ignore=_str_list(o.get("ignore", []), path, f"{key}.ignore"),
                severity=_severity_map(o.get("severity", {}), path, f"{key}.severity"),
                rules=_rule_options(o.get("rules", {}), path, f"{key}.rules"),
                accept=_str_list(o.get("accept", []), path, f"{key}.accept"),
                content=parse_content(o, path, f"{key}."),
            )
        )
    return cfg


# -- who the text is for, and what is not prose (preset, ignore-patterns, ignore-blocks) ----------


@dataclass(frozen=True)
class ContentSettings:
    """A configuration's (or an override's) preset and the spans it says are not prose."""

    preset: str | None = None
    ignore_patterns: tuple[re.Pattern[str], ...] = ()
    ignore_blocks: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()


def _pattern(value: Any, path: Path, key: str) -> re.Pattern[str]:
    """A pattern from configuration: a string that compiles and cannot backtrack badly."""
    from plainlint import saferegex

    if not isinstance(value, str) or not value:
        raise ConfigError(f"{_where(path, key)}: expected a regular expression, got {value!r}")
    try:
        compiled = re.compile(value, re.MULTILINE)
    except re.error as exc:
        raise ConfigError(f"{_where(path, key)}: not a valid regular expression ({exc})") from None
    risk = saferegex.problem(value)
    if risk is not None:
        raise ConfigError(f"{_where(path, key)}: {value!r} could take very long on some text: "
                          f"{risk}")
    return compiled


def parse_content(data: dict[str, Any], path: Path, prefix: str) -> ContentSettings:
    """``preset``, ``ignore-patterns`` and ``ignore-blocks`` of a table (``prefix`` names it in
    messages, such as ``overrides[0].``)."""
    from plainlint.presets import PresetError, load

    preset = data.get("preset")
    if preset is not None:
        if not isinstance(preset, str):
            raise ConfigError(f"{_where(path, prefix + 'preset')}: expected a preset name")
        try:
            load(preset)
        except PresetError as exc:
            raise ConfigError(f"{_where(path, prefix + 'preset')}: {exc}") from None
    key = prefix + "ignore-patterns"
    patterns = tuple(_pattern(v, path, f"{key}[{i}]")
                     for i, v in enumerate(_str_list(data.get("ignore-patterns", []), path, key)))
    key = prefix + "ignore-blocks"
    raw = data.get("ignore-blocks", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{_where(path, key)}: expected a list of {{ start = ..., end = ... }}")
    blocks = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if isinstance(item, dict) and set(item) == {"start", "end"}:
            start, end = item["start"], item["end"]
        elif isinstance(item, list) and len(item) == 2:
            start, end = item
        else:
            raise ConfigError(f"{_where(path, where)}: expected {{ start = \"...\", "
                              "end = \"...\" }")
        blocks.append((_pattern(start, path, f"{where}.start"),
                       _pattern(end, path, f"{where}.end")))
    return ContentSettings(preset, patterns, tuple(blocks))


def _plainlint_table(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    tool = data.get("tool", {})
    table = tool.get("plainlint") if isinstance(tool, dict) else None
    if path.name == "pyproject.toml":
        return table if isinstance(table, dict) else None
    if isinstance(table, dict):
        return table
    return data


def load_file(path: Path) -> Config:
    """Read one configuration file. pyproject.toml without [tool.plainlint] gives defaults.

    Results are cached while the file is unchanged (same size and modification time).
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    return _load_file(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=256)
def _load_file(path: Path, mtime_ns: int, size: int) -> Config:
    table = _plainlint_table(path)
    if table is None:
        return Config(path=None, root=path.parent)
    return parse_config(table, path)


@lru_cache(maxsize=1024)
def _find_for_dir(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            if name == "pyproject.toml" and _plainlint_table(candidate) is None:
                continue
            return candidate
    parent = directory.parent
    if parent == directory:
        return None
    return _find_for_dir(parent)


def clear_caches() -> None:
    """Forget which folders have configuration files (a new run looks again)."""
    _find_for_dir.cache_clear()
    _defaults.cache_clear()


@lru_cache(maxsize=8)
def _defaults(cwd: Path) -> Config:
    """The defaults, one object per working folder: settings built from a configuration are
    cached by its identity, so a new object for every file would cache (and keep) one per file."""
    return Config(root=cwd)


def discover(path: Path) -> Config:
    """The configuration that applies to ``path`` (a file or a folder). Files with no
    configuration file above them share one default `Config`, so their settings are worked
    out once."""
    start = path if path.is_dir() else path.parent
    found = _find_for_dir(Path(os.path.abspath(start)))
    if found is None:
        return _defaults(Path.cwd())
    return load_file(found)


# -- path patterns ------------------------------------------------------------------------------


# A glob is read into tokens: a literal character, "?" (one character in a name), "*" (any
# characters in a name), "**" (any characters, across folders) and "**/" (any folders, or none).
_ONE, _STAR, _ANY, _DIRS = "?", "*", "**", "**/"
_WILD = (_STAR, _ANY, _DIRS)


def _glob_tokens(pattern: str) -> tuple[bool, list[str]]:
    """(anchored, tokens) of a glob; literal characters are one-character tokens."""
    p = pattern.strip().rstrip("/")
    anchored = "/" in p
    p = p.lstrip("/")
    tokens: list[str] = []
    i = 0
    while i < len(p):
        if p.startswith("**/", i):
            token, i = _DIRS, i + 3
        elif p.startswith("**", i):
            token, i = _ANY, i + 2
        elif p[i] == "*":
            token, i = _STAR, i + 1
        else:
            token, i = p[i], i + 1
        if token in _WILD and tokens and tokens[-1] in _WILD:
            # Two wildcards in a row ("***", "**/**") match what one does.
            pair = {tokens[-1], token}
            if _ANY in pair or pair == {_STAR}:
                tokens[-1] = _ANY if _ANY in pair else _STAR
                continue
            if pair == {_DIRS}:
                continue
        tokens.append(token)
    return anchored, tokens


def _token_regex(token: str) -> str:
    return {_ONE: "[^/]", _STAR: "[^/]*", _ANY: ".*", _DIRS: "(?:.*/)?"}.get(
        token, re.escape(token))


class _GlobNFA:
    """A glob with several wildcards, matched by following every way through it at once.

    A regular expression for ``*a*a*a*a*b`` backtracks through every way of splitting a path
    among the stars, which for a long name takes minutes; stepping through the path once with
    the set of places the glob could be at takes time proportional to the path's length times
    the glob's.
    """

    def __init__(self, anchored: bool, tokens: list[str]) -> None:
        # States are numbered; edges[s] lists (kind, state), kind a character, "" (any
        # character), "/" excluded ("^/") or None (no character). Accepting state: self.final.
        edges: list[list[tuple[str | None, int]]] = []

        def state() -> int:
            edges.append([])
            return len(edges) - 1

        s = state()
        self.start = s
        for token in ([] if anchored else [_DIRS]) + tokens:
            if token == _DIRS:  # (?:.*/)?
                inside, after = state(), state()
                edges[s] += [(None, after), ("", inside), ("/", after)]
                edges[inside] += [("", inside), ("/", after)]
                s = after
            elif token in (_STAR, _ANY):
                nxt = state()
                edges[s] += [("^/" if token == _STAR else "", s), (None, nxt)]
                s = nxt
            else:
                nxt = state()
                edges[s].append(("^/" if token == _ONE else token, nxt))
                s = nxt
        self.final = s
        self.edges = edges
        self._closure = [self._close({n}) for n in range(len(edges))]

    def _close(self, states: set[int]) -> frozenset[int]:
        todo = list(states)
        seen = set(states)
        while todo:
            for kind, nxt in self.edges[todo.pop()]:
                if kind is None and nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    def match(self, path: str) -> bool:
        current = self._closure[self.start]
        for ch in path:
            if self.final in current and ch == "/":
                return True  # a folder's pattern matches everything in it
            nxt: set[int] = set()
            for st in current:
                for kind, to in self.edges[st]:
                    if kind is None:
                        continue
                    if kind == "" or (kind == "^/" and ch != "/") or kind == ch:
                        nxt |= self._closure[to]
            if not nxt:
                return False
            current = frozenset(nxt)
        return self.final in current


@lru_cache(maxsize=512)
def _glob_matcher(pattern: str) -> re.Pattern[str] | _GlobNFA:
    anchored, tokens = _glob_tokens(pattern)
    if sum(t in _WILD for t in tokens) > 1:
        return _GlobNFA(anchored, tokens)
    # One wildcard at most: a regular expression, which cannot backtrack far.
    body = "".join(_token_regex(t) for t in tokens)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{body}(?:/.*)?\\Z", re.DOTALL)  # names may hold line breaks


def glob_match(pattern: str, relpath: str) -> bool:
    """gitignore-like matching: a pattern without ``/`` matches a name at any depth; one with
    ``/`` matches from the configuration's folder; ``**`` spans folders; a folder's pattern
    matches everything in it. Time grows with the path's length times the pattern's, whatever
    the pattern (see `_GlobNFA`)."""
    return bool(_glob_matcher(pattern).match(relpath))


def relative(path: Path, root: Path) -> str:
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        rel = Path(os.path.abspath(path))
    return PurePosixPath(*rel.parts).as_posix()
