"""`plainlint report`: a folder of HTML pages, one per document, and an index across them.

The pages come from `plainlint.reporters.html`; this module only parses options, runs the check
and shows progress on standard error when it is a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from plainlint.cli import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    cache_dir_option,
    config_option,
    encoding_option,
    error,
    exclude_option,
    jobs_option,
    load_baseline,
    no_cache_option,
    no_ignore_option,
    require_config,
    rule_options,
    selection_from,
    warn,
)


class Progress:
    """A progress bar on standard error, shown only on a terminal and only for longer runs."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled or total < 2:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr,
                                          show_pos=True, width=30)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
            self._done = 0


def _stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the report into (made if missing): DIR/index.html and "
              "one page per document.")
@click.option("--title", default="plainlint report", show_default=True,
              help="Title of the index page.")
@rule_options("check")
@config_option
@exclude_option
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion", "never"]),
              default="never", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar [default: when standard error is a terminal].")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when the report is written.")
@encoding_option
@no_ignore_option
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Leave out the known findings recorded in this file by 'plainlint baseline'.")
@jobs_option
@no_cache_option
@cache_dir_option
def report(
    paths: tuple[str, ...],
    out_dir: Path,
    title: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    exclude: tuple[str, ...],
    fail_on: str,
    progress: bool | None,
    quiet: bool,
    encoding: str | None = None,
    no_ignore: bool = False,
    baseline_path: Path | None = None,
    jobs: int = 0,
    no_cache: bool = False,
    cache_dir: Path | None = None,
) -> None:
    """Write an HTML report: a page per document and an index across them.

    Each page shows the document's text with every problem marked and explained, its reading
    age and clarity measures when measured, and what to write instead. With no PATHS, checks
    the current folder. Open DIR/index.html in a browser: the pages need no internet.
    """
    from plainlint.api import Checker
    from plainlint.reporters.html import write_report

    ctx = click.get_current_context()
    require_config(config_path)
    if out_dir.exists() and not out_dir.is_dir():
        error(f"{out_dir}: is a file, not a folder; give a folder for the report")
        ctx.exit(EXIT_ERROR)
    if "-" in paths:
        error("the report command reads files and folders, not standard input; "
              "use 'plainlint check --format html -' for standard input")
        ctx.exit(EXIT_ERROR)
    selection = selection_from(select, extend_select, ignore, fail_on)
    show = _stderr_is_terminal() if progress is None else progress
    from plainlint.cache import ResultCache

    baseline = load_baseline(baseline_path)
    checker = Checker(selection, config_path, exclude=exclude, keep_documents=True,
                      cache=None if no_cache else ResultCache(cache_dir), jobs=jobs,
                      encoding=encoding, no_ignore=no_ignore)
    bar = Progress("Checking", show)
    try:
        result = checker.run(list(paths) or ["."], progress=bar)
    finally:
        bar.close()
    if baseline is not None:
        from plainlint.baseline import apply

        apply(result, baseline)
    for w in result.warnings:
        warn(w)
    for e in result.errors:
        error(f"{e.path}: {e.message}")
    bar = Progress("Writing pages", show)
    try:
        written = write_report(result, out_dir, title=title, progress=bar)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        error(f"{exc.filename or out_dir}: could not write the report: {reason}")
        ctx.exit(EXIT_ERROR)
    except Exception as exc:  # a failure making a page, a bug included: one line, exit 2
        error(f"{out_dir}: could not make the report ({type(exc).__name__}: {exc})")
        ctx.exit(EXIT_ERROR)
    finally:
        bar.close()
    if not quiet:
        pages = len(written) - 1
        click.echo(f"Wrote a report on {pages} document{'s' if pages != 1 else ''} to "
                   f"{os.path.join(str(out_dir), 'index.html')}")
    if result.errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if result.failed else EXIT_OK)
