"""What changed since a git ref: files, and the lines added or modified in each.

``plainlint check --diff-base REF`` compares the working tree with the merge base of REF and
HEAD, as a pull request's "Files changed" tab does. For every checked path it asks the git
repository that path is in (so paths in two repositories each use their own), follows renames,
leaves out deleted files, counts untracked files as new, and reads the base version of a file
from git without touching the working tree.

Expected failures raise `GitError` with one line that says what to do: git missing, a ref that
does not exist (a shallow clone), no shared history. A path outside any repository is reported
for that path only, and the other paths are still checked.
"""

from __future__ import annotations

import bisect
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from plainlint import formats
from plainlint.config import DEFAULT_EXCLUDE
from plainlint.model import FileError

#: ``git diff -U0`` hunk header: ``@@ -a[,b] +c[,d] @@``.
_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)

_STATUS = {"A": "added", "M": "modified", "R": "renamed", "C": "copied", "T": "modified",
           "U": "modified"}


class GitError(Exception):
    """``--diff-base`` cannot work here; the message is one line that says why."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "GIT_LITERAL_PATHSPECS": "1",  # file names are names, never patterns
        "GIT_OPTIONAL_LOCKS": "0",  # never take the index lock another git may need
        "LC_ALL": "C",
        "GIT_PAGER": "cat",
    })
    return env


def git(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``cwd``; raise `GitError` with git's own first line when it fails."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd, capture_output=True, env=_env(), stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("git is not installed, and --diff-base needs it") from None
    except OSError as exc:
        raise GitError(f"cannot run git ({exc.strerror or exc})") from None
    if check and proc.returncode != 0:
        raise GitError(f"git {args[0]} failed in {cwd}: {_first_line(proc.stderr)}")
    return proc


def _first_line(data: bytes) -> str:
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return "no message"


def repo_root(folder: Path) -> Path | None:
    """The top folder of the git working tree holding ``folder``, or None if there is none."""
    proc = git(["rev-parse", "--show-toplevel"], folder, check=False)
    if proc.returncode == 0:
        return Path(os.fsdecode(proc.stdout.rstrip(b"\n")))
    message = _first_line(proc.stderr)
    if "not a git repository" in message:
        return None
    raise GitError(f"git cannot read the repository at {folder}: {message}")


def ignored(folder: Path, paths: list[Path]) -> set[Path] | None:
    """Which of ``paths`` (files under ``folder``) git ignores (.gitignore, .git/info/exclude,
    the global excludes file), asked of ``git check-ignore``; None when ``folder`` is not in
    a git working tree or git cannot answer (then nothing is left out). Files git tracks are
    never ignored, as git itself treats them."""
    if not paths:
        return set()
    feed = b"".join(os.fsencode(p) + b"\0" for p in paths)
    env = _env()
    env.pop("GIT_LITERAL_PATHSPECS")  # check-ignore refuses it; --stdin paths are not globbed
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotePath=false", "check-ignore", "-z", "--stdin"],
            cwd=folder, input=feed, capture_output=True, env=env)
    except OSError:
        return None
    if proc.returncode not in (0, 1):  # 1: none ignored; 128: not a repository, or trouble
        return None
    return {Path(os.fsdecode(p)) for p in proc.stdout.split(b"\0") if p}


@dataclass
class Repo:
    """One repository and its merge base with the ref."""

    root: Path
    ref: str
    base: str  # the merge-base commit (or the empty tree, for a repository with no commits)
    _changes: list[ChangedFile] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, root: Path, ref: str) -> Repo:
        return cls(root, ref, merge_base(root, ref))

    def changes(self) -> list[ChangedFile]:
        if self._changes is None:
            self._changes = changed_files(self)
        return self._changes

    def base_bytes(self, path: str) -> bytes:
        """The content of a repository path at the merge base."""
        return git(["cat-file", "blob", f"{self.base}:{path}"], self.root).stdout


def _verify(root: Path, rev: str) -> str | None:
    proc = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
               root, check=False)
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def _empty_tree(root: Path) -> str:
    proc = git(["hash-object", "-t", "tree", "--stdin"], root)  # stdin is /dev/null: empty
    return proc.stdout.decode().strip()


def merge_base(root: Path, ref: str) -> str:
    """The commit where HEAD's history and ``ref``'s meet."""
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git ref")
    head = _verify(root, "HEAD")
    target = _verify(root, ref)
    if head is None and ref == "HEAD":
        # A repository with no commits yet (the first commit's pre-commit hook): all is new.
        return _empty_tree(root)
    if target is None:
        shallow = git(["rev-parse", "--is-shallow-repository"], root, check=False)
        hint = ("; this clone is shallow: fetch the base branch and its history "
                "(in GitHub Actions, actions/checkout with fetch-depth: 0)"
                if shallow.stdout.strip() == b"true" else "; fetch it first, or check its name")
        raise GitError(f"--diff-base: {ref!r} is not a commit in {root}{hint}")
    if head is None:
        raise GitError(f"--diff-base: the repository at {root} has no commits yet")
    proc = git(["merge-base", target, head], root, check=False)
    if proc.returncode == 0:
        return proc.stdout.decode().strip()
    shallow = git(["rev-parse", "--is-shallow-repository"], root, check=False)
    if shallow.stdout.strip() == b"true":
        raise GitError(
            f"--diff-base: {ref!r} and HEAD share no history in this shallow clone of {root}; "
            "fetch more history (in GitHub Actions, actions/checkout with fetch-depth: 0)")
    raise GitError(f"--diff-base: {ref!r} and HEAD share no history in {root}")


@dataclass
class ChangedFile:
    """A file that differs from the merge base (deleted files are never listed)."""

    repo: Repo
    path: str  # repository path today, with /
    status: str  # added, modified, renamed, copied or untracked
    base_path: str | None  # repository path at the base; None for a new file
    display: str = ""  # how the file is shown in the report
    _lines: list[tuple[int, int]] | None = field(default=None, repr=False)
    _whole: bool = field(default=False, repr=False)

    @property
    def absolute(self) -> Path:
        return self.repo.root / self.path

    @property
    def is_new(self) -> bool:
        return self.base_path is None

    def changed_lines(self) -> list[tuple[int, int]] | None:
        """(first, last) ranges of lines added or modified, counting ``\\n`` line ends as git
        does; None when every line counts as changed (a new or binary file)."""
        if self._lines is None and not self._whole:
            ranges = None if self.is_new else line_ranges(self)
            if ranges is None:
                self._whole = True
            else:
                self._lines = ranges
        return None if self._whole else self._lines


def _parse_name_status(data: bytes) -> list[tuple[str, str, str | None]]:
    """``git diff --name-status -z`` output as (status letter, path today, path at base)."""
    parts = data.split(b"\0")
    out: list[tuple[str, str, str | None]] = []
    i = 0
    while i < len(parts) and parts[i]:
        letter = parts[i][:1].decode()
        if letter in "RC":
            old, new = os.fsdecode(parts[i + 1]), os.fsdecode(parts[i + 2])
            out.append((letter, new, old))
            i += 3
        else:
            path = os.fsdecode(parts[i + 1])
            out.append((letter, path, path))
            i += 2
    return out


def changed_files(repo: Repo) -> list[ChangedFile]:
    """Every file of the working tree that differs from the merge base, and untracked files."""
    proc = git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv",
                "--ignore-submodules", repo.base, "--"], repo.root)
    out = []
    for letter, path, old in _parse_name_status(proc.stdout):
        if letter == "D":
            continue
        status = _STATUS.get(letter, "modified")
        base_path = None if letter == "A" else old
        out.append(ChangedFile(repo, path, status, base_path))
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--"], repo.root)
    for raw in untracked.stdout.split(b"\0"):
        if raw:
            out.append(ChangedFile(repo, os.fsdecode(raw), "untracked", None))
    return out


def line_ranges(change: ChangedFile) -> list[tuple[int, int]] | None:
    """Lines added or modified in a file, from ``git diff -U0``; None for a binary diff."""
    paths = [change.path]
    if change.base_path is not None and change.base_path != change.path:
        paths.insert(0, change.base_path)
    proc = git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
                change.repo.base, "--", *paths], change.repo.root)
    hunks = list(_HUNK.finditer(proc.stdout))
    if not hunks and re.search(rb"^Binary files .* differ$", proc.stdout, re.MULTILINE):
        return None
    ranges = []
    for m in hunks:
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        if count:
            ranges.append((start, start + count - 1))
    return ranges


@dataclass
class Scope:
    """The changed files under the paths asked for, and the paths that could not be used."""

    ref: str
    files: list[ChangedFile] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    repos: dict[Path, Repo] = field(default_factory=dict)
    unchanged: int = 0  # files named on the command line that did not change


def _hidden(rel_parts: tuple[str, ...]) -> bool:
    """Folders a walk of a folder skips (hidden ones, .git, node_modules ...)."""
    return any(p.startswith(".") or p in DEFAULT_EXCLUDE for p in rel_parts)


def collect(paths: list[str], ref: str) -> Scope:
    """The files under ``paths`` that changed since the merge base of ``ref`` and HEAD.

    Folders give their changed Markdown, HTML and text files (hidden folders skipped, as a
    walk does); a named file is included if it changed. Display names follow the ones
    `plainlint check` uses for the same arguments.
    """
    scope = Scope(ref)
    seen: set[str] = set()
    for arg in paths:
        p = Path(arg)
        if not p.exists():
            reason = "broken symbolic link" if p.is_symlink() else "no such file or directory"
            scope.errors.append(FileError(arg, reason))
            continue
        real = Path(os.path.realpath(p))
        folder = real if real.is_dir() else real.parent
        root = repo_root(folder)
        if root is None:
            scope.errors.append(FileError(
                arg, "not in a git repository, so --diff-base cannot tell what changed"))
            continue
        root = Path(os.path.realpath(root))
        repo = scope.repos.get(root)
        if repo is None:
            repo = scope.repos[root] = Repo.open(root, ref)
        changes = repo.changes()
        if real.is_dir():
            for change in changes:
                target = Path(os.path.realpath(change.absolute))
                try:
                    rel = target.relative_to(real)
                except ValueError:
                    continue
                if _hidden(rel.parts[:-1]) or rel.name.startswith("."):
                    continue
                if formats.format_for(rel.name) is None or not target.is_file():
                    continue
                display = (rel.as_posix() if arg in (".", "./")
                           else f"{arg.rstrip('/')}/{rel.as_posix()}")
                _add(scope, seen, change, display, str(target))
        else:
            match = [c for c in changes if Path(os.path.realpath(c.absolute)) == real]
            if match:
                _add(scope, seen, match[0], arg, str(real))
            else:
                scope.unchanged += 1
    return scope


def _add(scope: Scope, seen: set[str], change: ChangedFile, display: str, key: str) -> None:
    if key in seen:
        return
    seen.add(key)
    change.display = display
    scope.files.append(change)


class GitLines:
    """Maps offsets in a file's decoded text to line numbers as git counts them (``\\n``)."""

    def __init__(self, text: str) -> None:
        self._breaks = [i for i, c in enumerate(text) if c == "\n"]
        self.count = len(self._breaks) + (0 if text.endswith("\n") else 1)

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1


def touches(ranges: list[tuple[int, int]], first: int, last: int) -> bool:
    """Does the line span [first, last] overlap any of the sorted, separate ranges?"""
    i = bisect.bisect_right([a for a, _ in ranges], last) - 1  # the last range starting <= last
    return i >= 0 and ranges[i][1] >= first
