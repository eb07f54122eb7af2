"""The rules a run asks for on the command line (`Selection`).

In a module of its own so that the command line and `plainlint.api` can make one without
importing the engine, its rules and the glossary: a re-run answered by its manifest
(`plainlint.manifest`) needs none of them. `plainlint.engine` gives the same class.
"""

from __future__ import annotations

from dataclasses import dataclass

from plainlint.model import Severity


@dataclass(frozen=True)
class Selection:
    """Rule selection given on the command line; it takes precedence over configuration."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | str | None = "config"  # "config": use the configuration's
    report_unused_suppressions: bool = False
    preset: str | None = None  # --preset: who the text is for, for every file
