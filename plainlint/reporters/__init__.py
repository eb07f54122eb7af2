"""Reporters turn a `RunResult` into text for people or machines.

Each reporter is a function ``render(result, options) -> str``; none prints or exits. Register new
formats in `REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plainlint.model import RunResult


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_summary: bool = True
    extra: dict[str, Any] | None = None


Reporter = Callable[[RunResult, ReportOptions], str]


def _text(result: RunResult, options: ReportOptions) -> str:
    from plainlint.reporters.text import render

    return render(result, options)


def _json(result: RunResult, options: ReportOptions) -> str:
    from plainlint.reporters.json import render

    return render(result, options)


def _html(result: RunResult, options: ReportOptions) -> str:
    from plainlint.reporters.html import render

    return render(result, options)


REPORTERS: dict[str, Reporter] = {
    "text": _text,
    "json": _json,
    "html": _html,
}
