"""The command line: parses options, calls `plainlint.api`, picks a reporter and an exit code.

Exit codes: 0 no finding at or above ``--fail-on``; 1 at least one; 2 a usage or configuration
error, or a file that could not be checked.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from plainlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "html")


class PlainlintGroup(click.Group):
    """Turns expected failures into one clear line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from plainlint.config import ConfigError
        from plainlint.glossary import GlossaryError
        from plainlint.nlp import ModelMissing
        from plainlint.rules import RuleError

        try:
            return super().invoke(ctx)
        except (ConfigError, GlossaryError, RuleError, ModelMissing) as exc:
            error(str(exc))
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            # Output piped to a program that stopped reading (head): not our error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_OK)


def error(message: str) -> None:
    click.echo(f"plainlint: error: {message}", err=True)


def warn(message: str) -> None:
    click.echo(f"plainlint: warning: {message}", err=True)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _use_color(choice: bool | None, stream: Any) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.group(cls=PlainlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="plainlint")
def main() -> None:
    """plainlint checks council documents for plain, accessible, respectful writing.

    It finds jargon and wordy phrases, labels that define people by a condition, and more, and
    suggests plain alternatives. Start with: plainlint check PATH
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Check only these rules or families (comma-separated).")
@click.option("--extend-select", multiple=True, metavar="RULES",
              help="Check these rules as well as the configured ones.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not check these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion", "never"]),
              default=None, help="Exit 1 when a finding is at least this severe "
              "[default: warning, or the configuration's fail-on].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file for every path.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB.")
@click.option("--stdin-filename", metavar="NAME",
              help="File name for text read from '-' (its extension picks the format).")
@click.option("--color/--no-color", default=None, help="Colour the output [default: on a "
              "terminal, unless NO_COLOR is set].")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report plainlint-disable comments that silence nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, without the summary.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    color: bool | None,
    report_unused_suppressions: bool,
    quiet: bool,
) -> None:
    """Check Markdown, HTML and text files (and folders of them) for plain language.

    Use '-' to read standard input. With no PATHS, checks the current folder.
    """
    from plainlint.api import STDIN, Checker
    from plainlint.engine import Selection
    from plainlint.fsutil import atomic_write
    from plainlint.model import Severity
    from plainlint.reporters import REPORTERS, ReportOptions
    from plainlint.source import read_stdin_bytes

    ctx = click.get_current_context()
    if config_path is not None and not config_path.is_file():
        error(f"{config_path}: no such configuration file")
        ctx.exit(EXIT_ERROR)
    fail: Severity | None | str = "config"
    if fail_on == "never":
        fail = None
    elif fail_on is not None:
        fail = Severity.parse(fail_on)
    selection = Selection(
        select=_names(select) or None,
        extend_select=_names(extend_select),
        ignore=_names(ignore),
        fail_on=fail,
        report_unused_suppressions=report_unused_suppressions,
    )
    checker = Checker(selection, config_path, exclude=exclude, keep_documents=fmt == "html")
    targets = list(paths) or ["."]
    stdin_data = read_stdin_bytes(sys.stdin) if STDIN in targets else None
    result = checker.run(targets, stdin_data=stdin_data, stdin_filename=stdin_filename)

    for w in result.warnings:
        warn(w)
    for e in result.errors:
        error(f"{e.path}: {e.message}")
    stream = sys.stdout
    options = ReportOptions(
        color=_use_color(color, stream) and output is None,
        show_summary=not quiet,
    )
    report = REPORTERS[fmt](result, options)
    if output:
        atomic_write(output, report)
    else:
        click.echo(report, nl=False, color=options.color)
    if result.errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if result.failed else EXIT_OK)


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule with its family, default severity and what it flags."""
    from plainlint.rules import builtin

    registry = builtin()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "family": r.family,
                "kind": r.kind,
                "severity": r.severity.label,
                "enabled": r.enabled,
                "what": r.docs.what,
                "options": r.options,
            }
            for r in registry
        ]
        click.echo(json.dumps(data, indent=2))
        return
    width = max(len(r.id) for r in registry)
    for r in registry:
        state = "" if r.enabled else " (off unless selected)"
        what = r.docs.what.split(". ")[0].rstrip(".")
        click.echo(f"{r.id:<{width}}  {r.family:<14}  {r.severity.label:<10}  {what}{state}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Explain a rule: what it flags, why it matters, and what to write instead."""
    from plainlint.rules import builtin

    registry = builtin()
    rule = registry.get(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, registry.ids(), n=3)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        error(f"no rule called {rule_id!r}.{hint} 'plainlint rules' lists them.")
        click.get_current_context().exit(EXIT_ERROR)
    assert rule is not None
    d = rule.docs
    out = [
        f"{rule.id} ({rule.family}, default severity: {rule.severity.label})",
        "",
        "What it flags",
        _indent(d.what),
        "",
        "Why it matters",
        _indent(d.why),
        "",
        "Example",
        _indent(d.example),
        "",
        "Write instead",
        _indent(d.instead),
        "",
        "Source",
        _indent(d.source),
    ]
    if rule.options:
        out += ["", "Options (set under [tool.plainlint.rules." + rule.id + "])"]
        for name, value in rule.options.items():
            help_text = rule.impl.options[name].help
            out.append(f"  {name} = {json.dumps(value)}  # {help_text}")
    if not rule.enabled:
        out += ["", "This rule is off unless you select it."]
    click.echo("\n".join(out))


def _indent(text: str) -> str:
    import textwrap

    paras = [textwrap.fill(p, width=88, initial_indent="  ", subsequent_indent="  ")
             for p in text.split("\n\n")]
    return "\n\n".join(paras)


@main.command()
@click.argument("term", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def glossary(term: str | None, fmt: str) -> None:
    """Show a glossary entry: what a term means and what to write instead.

    With no TERM, list every term.
    """
    from plainlint import glossary as glossary_mod
    from plainlint.config import discover

    config = discover(Path.cwd())
    g = glossary_mod.load(tuple(config.glossary))
    ctx = click.get_current_context()
    if term is None:
        entries = sorted(g.entries, key=lambda e: (e.rule, e.term.lower()))
        if fmt == "json":
            click.echo(json.dumps([_entry_dict(e) for e in entries], indent=2, ensure_ascii=False))
            return
        for e in entries:
            alts = ", ".join(e.alternatives)
            click.echo(f"{e.term}  [{e.rule}]" + (f"  -> {alts}" if alts else ""))
        return
    found = g.lookup(term)
    if not found:
        close = difflib.get_close_matches(term.lower(), [e.term.lower() for e in g.entries], n=3)
        close += [e.term for e in g.search(term) if e.term not in close][:3]
        hint = f" Close: {', '.join(close)}." if close else ""
        error(f"{term!r} is not in the glossary.{hint}")
        ctx.exit(EXIT_FINDINGS)
    if fmt == "json":
        click.echo(json.dumps([_entry_dict(e) for e in found], indent=2, ensure_ascii=False))
        return
    for i, e in enumerate(found):
        if i:
            click.echo("")
        click.echo(f"{e.term} ({e.rule}, {e.category or 'uncategorised'})")
        click.echo(_indent(e.explanation))
        if e.alternatives:
            click.echo("Instead: " + "; ".join(e.alternatives))
        if e.variants:
            click.echo("Also matches: " + ", ".join(e.variants))
        if e.note:
            click.echo("Note: " + e.note)
        if e.contested:
            click.echo("Sources disagree about this term: teams may accept it.")
        if e.source:
            click.echo("Source: " + ", ".join(e.source))


def _entry_dict(e: Any) -> dict[str, Any]:
    return {
        "term": e.term,
        "rule": e.rule,
        "category": e.category,
        "explanation": e.explanation,
        "alternatives": list(e.alternatives),
        "variants": list(e.variants),
        "severity": e.severity.label if e.severity else None,
        "source": list(e.source),
        "contested": e.contested,
        "note": e.note,
    }


def _add_commands() -> None:
    """Commands that live in their own modules."""
    from plainlint.report import report

    main.add_command(report)


_add_commands()
