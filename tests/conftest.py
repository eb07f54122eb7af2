"""Shared helpers for plainlint's tests. Tests use the real spaCy pipeline, real files and the
real command line; nothing is mocked."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plainlint.api import check_text
from plainlint.cli import main
from plainlint.model import FileResult, Finding
from tests.documents import lo_profile, report_files, word_report  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parent.parent


def lint(text: str, fmt: str = "text", select: list[str] | None = None, **kw: Any) -> FileResult:
    return check_text(text, fmt=fmt, select=select, **kw)


def texts(findings: list[Finding], rule: str | None = None) -> list[str]:
    return [f.text for f in findings if rule is None or f.rule == rule]


def line_starts_of(text: str) -> list[int]:
    """Where each line starts: after \\n, \\r\\n or a lone \\r. Worked out here, apart from
    plainlint's LineIndex, so that tests check it rather than repeat it."""
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1:i + 2] == "\n":
            starts.append(i + 2)
            i += 2
            continue
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def assert_positions(source: str, findings: list[Finding]) -> None:
    """The position guarantee: offsets, lines and columns agree with the source."""
    line_starts = line_starts_of(source)
    for f in findings:
        assert 0 <= f.offset <= f.end_offset <= len(source)
        assert source[f.offset : f.end_offset] == f.text
        line = max(n for n, s in enumerate(line_starts, 1) if s <= f.offset)
        assert (f.line, f.column) == (line, f.offset - line_starts[line - 1] + 1)
        if f.end_offset > f.offset:
            last = f.end_offset - 1
            end_line = max(n for n, s in enumerate(line_starts, 1) if s <= last)
            assert (f.end_line, f.end_column) == (end_line, last - line_starts[end_line - 1] + 2)


@pytest.fixture(autouse=True, scope="session")
def _user_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The results cache keeps its signing key in the user's cache folder: tests use their
    own, never the real one."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the real CLI in a temporary folder (so no configuration from the repo applies)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
            ) -> Result:
        return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)

    return run


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def json_out(result: Result) -> dict[str, Any]:
    return json.loads(result.stdout)


os.environ.setdefault("PLAINLINT_TESTING", "1")
