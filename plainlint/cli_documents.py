"""Commands for Word, PDF and OpenDocument files: `annotate` (a commented Word copy) and
`extract` (the text plainlint reads from a document)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from plainlint.cli import (
    EXIT_ERROR,
    EXIT_OK,
    error,
    require_config,
    rule_options,
    selection_from,
    warn,
)


def _default_output(src: Path) -> Path:
    return src.with_name(f"{src.stem}-plainlint.docx")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))  # a folder: one error line
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the commented copy [default: NAME-plainlint.docx next to "
              "the original].")
@click.option("--min-severity", type=click.Choice(["suggestion", "warning", "error"]),
              default="suggestion", show_default=True,
              help="Comment only on findings at least this severe.")
@rule_options("check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file.")
def annotate(file: Path, output: Path | None, min_severity: str, select: tuple[str, ...],
             extend_select: tuple[str, ...], ignore: tuple[str, ...],
             config_path: Path | None) -> None:
    """Write a copy of a Word file (.docx) with a review comment on each problem.

    Each comment sits on the flagged words, says what is wrong and what to write instead, and
    is signed "plainlint". Reading age, framing and problems in headers, footers, footnotes and
    text boxes go in one comment on the first paragraph. The original file is not changed.
    """
    from plainlint.annotate import annotate_file
    from plainlint.api import Checker
    from plainlint.model import Severity
    from plainlint.source import InputError

    ctx = click.get_current_context()
    if file.suffix.lower() != ".docx":
        error(f"{file}: plainlint annotate writes comments into Word files (.docx) only")
        ctx.exit(EXIT_ERROR)
    require_config(config_path)
    out = output or _default_output(file)
    if out.suffix.lower() != ".docx":
        warn(f"{out}: the copy is a Word file; give it a .docx name so Word opens it")
    if file.exists() and out.exists() and os.path.samefile(file, out):
        error(f"{file}: the output would replace the original; choose another name with -o")
        ctx.exit(EXIT_ERROR)
    selection = selection_from(select, extend_select, ignore)
    checker = Checker(selection, config_path)
    settings = checker.settings_for(file)
    for w in checker.warnings:
        warn(w)
    try:
        done = annotate_file(file, out, settings, str(file), Severity.parse(min_severity))
    except InputError as exc:
        error(f"{file}: {exc}")
        ctx.exit(EXIT_ERROR)
    for w in [*done.result.warnings, *done.warnings]:
        warn(f"{file}: {w}")
    parts = [f"{done.anchored} comment{'' if done.anchored == 1 else 's'} on flagged words"]
    if done.summary:
        extra = f", listing {len(done.summarised)} more" if done.summarised else ""
        parts.append(f"a summary comment on the first paragraph{extra}")
    if done.below:
        parts.append(f"{done.below} finding{'' if done.below == 1 else 's'} below "
                     f"{min_severity} left out")
    click.echo(f"wrote {out}: {'; '.join(parts)}.")
    ctx.exit(EXIT_OK)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))  # a folder: one error line
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: the extracted text; json: each block with its "
              "kind, offsets and location.")
def extract(file: Path, fmt: str) -> None:
    """Show the text plainlint reads from a Word, PDF or OpenDocument file.

    Blocks (paragraphs, headings, list items, table cells ...) are separated by blank lines,
    exactly as plainlint checks them: finding offsets and line numbers in JSON output point
    into this text. Useful to see what a PDF's layout gave, or why a word was not checked.
    """
    import json

    from plainlint import formats
    from plainlint.api import Checker
    from plainlint.source import InputError, read_bytes

    ctx = click.get_current_context()
    fmt_name = formats.format_for(file)
    if fmt_name is None or not formats.is_binary(fmt_name):
        error(f"{file}: plainlint extract reads .docx, .odt and .pdf files")
        ctx.exit(EXIT_ERROR)
    assert fmt_name is not None
    limits = Checker().config_for(file).limits
    try:
        data = read_bytes(file, limits.max_document_mb, "max-document-size-mb")
        document = formats.parse_bytes(data, str(file), fmt_name, limits)
    except InputError as exc:
        error(f"{file}: {exc}")
        ctx.exit(EXIT_ERROR)
    for w in document.warnings:
        warn(f"{file}: {w}")
    if fmt == "text":
        click.echo(document.text)
        ctx.exit(EXIT_OK)
    from plainlint.formats.extract import locator

    loc = locator(document)
    assert loc is not None
    out = [
        {"kind": b.kind.value, "level": b.level or None, "offset": start,
         "end_offset": start + len(b.text), "text": b.text,
         "location": loc.locate(start, start + len(b.text))}
        for b, start in zip(document.blocks, loc.starts, strict=True)
    ]
    click.echo(json.dumps({"path": str(file), "format": fmt_name, "blocks": out},
                          ensure_ascii=False, indent=2))
    ctx.exit(EXIT_OK)
