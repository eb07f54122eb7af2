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
    #: The per-file measure lines (readability, framing, "since main") in text output; off
    #: with -q, which prints findings only.
    show_metrics: bool = True
    extra: dict[str, Any] | None = None
    #: CI formats (github, sarif, markdown, rdjson, gitlab) give paths relative to this folder,
    #: the repository root, as those services expect; None keeps paths as shown.
    root: str | None = None
    #: Where the full report can be seen (a CI run's page); notes about truncation point here.
    report_url: str | None = None


Reporter = Callable[[RunResult, ReportOptions], str]


def _text(result: RunResult, options: ReportOptions) -> str:
    from plainlint.reporters.text import render

    return render(result, options)


def _json(result: RunResult, options: ReportOptions) -> str:
    from plainlint.reporters.json import render

    return render(result, options)


def _lazy(module: str) -> Reporter:
    """A reporter whose module is imported on first use."""

    def render(result: RunResult, options: ReportOptions) -> str:
        from importlib import import_module

        return import_module(f"plainlint.reporters.{module}").render(result, options)  # type: ignore[no-any-return]

    return render


REPORTERS: dict[str, Reporter] = {
    "text": _text,
    "json": _json,
    "github": _lazy("github"),
    "sarif": _lazy("sarif"),
    "markdown": _lazy("markdown"),
    "rdjson": _lazy("rdjson"),
    "gitlab": _lazy("gitlab"),
    "html": _lazy("html"),
}

#: Formats for CI services, whose paths are made relative to `ReportOptions.root`.
CI_FORMATS = frozenset({"github", "sarif", "markdown", "rdjson", "gitlab"})
