"""``plainlint baseline``: record today's findings so that checks report only new ones."""

from __future__ import annotations

from pathlib import Path

import click

from plainlint.cli import (
    EXIT_ERROR,
    EXIT_OK,
    config_option,
    error,
    exclude_option,
    require_config,
    rule_options,
    selection_from,
    warn,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False, allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The baseline file to write (JSON), such as .plainlint-baseline.json.")
@rule_options("record")
@config_option
@exclude_option
def baseline(
    paths: tuple[str, ...],
    output: Path,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    exclude: tuple[str, ...],
) -> None:
    """Record today's findings in PATHS, so that 'plainlint check --baseline FILE' reports
    only new ones.

    Findings are matched by rule, text and the words around them, not by line, so edits
    elsewhere in a file do not bring known findings back. Running it again refreshes the
    entries for PATHS and keeps the entries for other files. With no PATHS, records the
    current folder.
    """
    from plainlint import baseline as baseline_mod
    from plainlint.api import STDIN, Checker

    ctx = click.get_current_context()
    targets = list(paths) or ["."]
    if STDIN in targets:
        error("a baseline records files; it cannot record standard input")
        ctx.exit(EXIT_ERROR)
    require_config(config_path)
    old = None
    if output.exists():
        try:
            old = baseline_mod.load(output)
        except baseline_mod.BaselineError as exc:
            error(f"{exc}; not overwriting it (delete it to start again)")
            ctx.exit(EXIT_ERROR)
    selection = selection_from(select, extend_select, ignore)
    result = Checker(selection, config_path, exclude=exclude).run(targets)
    for w in result.warnings:
        warn(w)
    for e in result.errors:
        error(f"{e.path}: {e.message}")
    new = baseline_mod.from_result(result, output)
    recorded = new.count()
    merged, kept = baseline_mod.merge(new, old, targets, [e.path for e in result.errors])
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        baseline_mod.write(merged, output)
    except OSError as exc:
        error(f"{output}: cannot write the baseline ({exc.strerror or exc})")
        ctx.exit(EXIT_ERROR)
    files = sum(1 for f in result.files if f.findings)
    message = (f"Recorded {recorded} finding{'' if recorded == 1 else 's'} in {files} "
               f"file{'' if files == 1 else 's'} to {output}")
    if kept:
        message += f" (kept {kept} entr{'y' if kept == 1 else 'ies'} for other files)"
    click.echo(message + ".")
    ctx.exit(EXIT_ERROR if result.errors else EXIT_OK)
