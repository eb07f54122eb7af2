"""``plainlint fix``: the command line for `plainlint.fixer`.

Exit codes match ``plainlint check``: 0 when no finding at or above ``--fail-on`` is left after
the fixes (made, or previewed with ``--diff``), 1 when one is, 2 for a usage or configuration
error or a file that could not be read or written.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from plainlint.cli import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    _use_color,
    color_option,
    config_option,
    encoding_option,
    error,
    exclude_option,
    require_config,
    rule_options,
    selection_from,
    stdin_filename_option,
    warn,
)
from plainlint.fixer import UNSAFE, Decision, FixRun, NotApplied, Proposal
from plainlint.model import Applicability
from plainlint.textutil import printable

_GREEN, _RED, _DIM, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_CONTEXT = 70  # characters of a long line shown either side of a change

_HELP = """\
y - apply this fix
n - do not apply this fix
a - apply this fix and every later fix in this file
d - do not apply this fix or any later fix in this file
q - quit: apply nothing more (fixes you said yes to are still made)
? - show this help"""
_ANSWERS = {
    "y": Decision.YES, "yes": Decision.YES,
    "n": Decision.NO, "no": Decision.NO,
    "a": Decision.ALL, "all": Decision.ALL,
    "d": Decision.SKIP_FILE,
    "q": Decision.QUIT, "quit": Decision.QUIT,
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True,
              help="Print the changes as a unified diff and write nothing.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also make changes a person should check (stakeholders -> people involved).")
@click.option("-i", "--interactive", is_flag=True,
              help="Ask before each change: yes, no, all (rest of the file), d (skip the rest "
              "of the file) or quit.")
@rule_options("fix")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion", "never"]),
              default=None, help="Exit 1 when a finding at least this severe is left after the "
              "fixes [default: warning, or the configuration's fail-on].")
@config_option
@exclude_option
@stdin_filename_option
@color_option
@click.option("-q", "--quiet", is_flag=True, help="List changes and findings only, without "
              "the summary.")
@encoding_option
@click.option("-v", "--verbose", is_flag=True, help="List every finding left, each with its "
              "reason (by default, findings left for a person to rewrite or check are counted "
              "by rule).")
def fix(
    paths: tuple[str, ...],
    diff: bool,
    unsafe_fixes: bool,
    interactive: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    color: bool | None,
    quiet: bool,
    verbose: bool,
    encoding: str | None = None,
) -> None:
    """Make the safe plain-English changes for you: utilise -> use, prior to -> before.

    Only changes that keep the meaning are made, fitted to their place (utilised -> used,
    Utilise -> Use, "an" -> "a"); everything else is listed with the reason. Use --diff to see
    the changes first. With '-', reads standard input and writes the fixed text to standard
    output. With no PATHS, fixes the current folder.
    """
    from plainlint.api import STDIN, Checker
    from plainlint.source import read_stdin_bytes

    ctx = click.get_current_context()
    require_config(config_path)
    targets = list(paths) or ["."]
    if interactive and diff:
        error("--interactive and --diff do not go together: --diff only shows the changes")
        ctx.exit(EXIT_ERROR)
    if interactive and STDIN in targets:
        error("--interactive reads your answers from standard input, so it cannot fix '-'")
        ctx.exit(EXIT_ERROR)
    selection = selection_from(select, extend_select, ignore, fail_on)
    checker = Checker(selection, config_path, exclude=exclude, encoding=encoding)
    stdin_data = (read_stdin_bytes(sys.stdin, checker.stdin_limit_mb())
                  if STDIN in targets else None)
    # The report goes to standard error when standard output carries a diff or fixed text.
    to_stderr = diff or STDIN in targets
    use_color = _use_color(color, sys.stderr if to_stderr else sys.stdout)
    prompt = _Prompt(_use_color(color, sys.stdout)) if interactive else None

    from plainlint.fixer import Fixer

    fixer = Fixer(checker, unsafe=unsafe_fixes, decide=prompt, write=not diff)
    run = fixer.run(targets, stdin_data=stdin_data, stdin_filename=stdin_filename)

    for w in run.warnings:
        warn(w)
    for e in run.errors:
        error(f"{e.path}: {e.message}")
    for f in run.files:
        if f.from_stdin and not diff:
            sys.stdout.flush()
            sys.stdout.buffer.write(f.encoded())
            sys.stdout.flush()
        elif diff:
            click.echo(f.diff(), nl=False)
    report = render(run, use_color, dry_run=diff, unsafe=unsafe_fixes, quiet=quiet,
                    verbose=verbose)
    if report:
        click.echo(report, nl=False, err=to_stderr, color=use_color)
    if run.errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if run.failed else EXIT_OK)


def render(run: FixRun, color: bool, *, dry_run: bool, unsafe: bool, quiet: bool,
           verbose: bool = False) -> str:
    """The fix report: each change, each finding left with its reason, then a summary.

    Without ``verbose``, the findings left for a person are counted by rule in one line each
    instead of listed: those whose suggestion is advice (or that have none), and those an
    unsafe fix would change. Findings left for a particular reason (markup, "a"/"an", a
    replacement that would not read well) are still listed one by one: each needs a look.
    """
    lines: list[str] = []
    grouped: dict[str, Counter[str]] = {}
    done = "would fix" if dry_run else "fixed"
    for f in run.files:
        entries: list[tuple[int, int, str]] = []
        for a in f.applied:
            where = f"{printable(f.path)}:{a.line}:{a.column}:"
            label = done if a.safe else f"{done} (unsafe)"
            if color:
                where = f"{_BOLD}{where}{_RESET}"
                label = f"{_GREEN}{label}{_RESET}"
            entries.append((a.line, a.column, f"{where} {label} [{a.rule}] "
                            f"“{_one_line(a.text)}” → “{_one_line(a.replacement)}”"))
        for n in f.not_applied:
            x = n.finding
            kind = _kind_left(n)
            if kind and not verbose:
                grouped.setdefault(x.rule, Counter())[kind] += 1
                continue
            where = f"{printable(f.path)}:{x.line}:{x.column}:"
            label = "not fixed"
            if color:
                where = f"{_BOLD}{where}{_RESET}"
                label = f"{_DIM}{label}{_RESET}"
            entries.append((x.line, x.column,
                            f"{where} {label} [{x.rule}] “{_one_line(x.text)}”: "
                            f"{printable(n.reason)}"))
        lines.extend(text for _, _, text in sorted(entries, key=lambda e: (e[0], e[1])))
    for rule in sorted(grouped, key=lambda r: (-sum(grouped[r].values()), r)):
        label = "not fixed"
        if color:
            label = f"{_DIM}{label}{_RESET}"
        lines.append(f"{label} [{rule}]: {_counted(grouped[rule])}")
    if not quiet:
        text = summary(run, dry_run=dry_run, unsafe=unsafe)
        if grouped:
            text += " Use --verbose to list each finding left, or `plainlint check` to read them."
        lines.append(text)
    return "\n".join(lines) + ("\n" if lines else "")


_BY_HAND, _TO_CHECK = "by hand", "to check"


def _kind_left(n: NotApplied) -> str:
    """How a finding left is counted when the report groups them: rewritten by hand (the
    suggestion is advice, or there is none), checked by a person (an unsafe fix would change
    it), or '' for a particular reason that is listed on its own line."""
    if n.fixable_unsafe and n.reason.startswith(UNSAFE.split(";", 1)[0]):
        return _TO_CHECK
    x = n.finding
    first = x.suggestions[0] if x.suggestions else None
    if x.fix is None and (first is None or first.applicability is Applicability.ADVICE
                          or first.replacement is None):
        return _BY_HAND
    return ""


def _counted(counts: Counter[str]) -> str:
    def findings(n: int) -> str:
        return f"{n} finding{'' if n == 1 else 's'}"

    parts = []
    if counts[_BY_HAND]:
        parts.append(f"{findings(counts[_BY_HAND])} to rewrite by hand")
    if counts[_TO_CHECK]:
        parts.append(f"{findings(counts[_TO_CHECK])} for a person to check "
                     "(`plainlint fix -i --unsafe-fixes` offers the changes)")
    return "; ".join(parts)


def summary(run: FixRun, *, dry_run: bool, unsafe: bool) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    applied = run.applied
    changed = sum(1 for f in run.files if f.changed)
    left = [n for f in run.files for n in f.not_applied]
    if applied:
        verb = "Would fix" if dry_run else "Fixed"
        text = f"{verb} {plural(applied, 'finding')} in {plural(changed, 'file')}"
    else:
        text = f"Nothing to fix in {plural(len(run.files), 'file')}"
    if left:
        text += f"; {plural(len(left), 'finding')} left"
        more = sum(1 for n in left if n.fixable_unsafe)
        if more and not unsafe:
            text += f" ({more} fixable with --unsafe-fixes)"
    text += "."
    if run.stopped:
        text += " Stopped when you quit"
        text += f"; {plural(run.not_reached, 'file')} not looked at." if run.not_reached else "."
    if run.errors:
        text += f" {plural(len(run.errors), 'file')} could not be fixed."
    return text


def _one_line(text: str) -> str:
    return printable(" ".join(text.split()))


class _Prompt:
    """Asks about each fix on the terminal, as ``git add -p`` asks about each hunk."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, proposal: Proposal) -> Decision:
        f = proposal.finding
        before, after = proposal.lines()
        before, after = _window(before, after)
        head = printable(f"{proposal.path}:{f.line}:{f.column}: [{f.rule}] {f.message}")
        minus, plus = f"-{before}", f"+{after}"
        if self.color:
            head = f"{_BOLD}{head}{_RESET}"
            minus, plus = f"{_RED}{minus}{_RESET}", f"{_GREEN}{plus}{_RESET}"
        click.echo(head, color=self.color)
        if not proposal.fix.safe:
            click.echo("This change needs a person to check it.")
        click.echo(minus, color=self.color)
        click.echo(plus, color=self.color)
        while True:
            try:
                answer = click.prompt(
                    f"({proposal.index}) Apply this fix [y,n,a,d,q,?]",
                    default="", show_default=False, prompt_suffix="? ",
                )
            except click.Abort:  # end of input, or Ctrl+C / Ctrl+D: stop asking
                click.echo("")
                return Decision.QUIT
            choice = _ANSWERS.get(answer.strip().lower())
            if choice is not None:
                return choice
            click.echo(_HELP)


def _window(before: str, after: str) -> tuple[str, str]:
    """Trim two long versions of a line to the part around the change."""
    if max(len(before), len(after)) <= 2 * _CONTEXT + 20:
        return before, after
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (end < min(len(before), len(after)) - start
           and before[-1 - end] == after[-1 - end]):
        end += 1
    lo = max(0, start - _CONTEXT)

    def cut(s: str) -> str:
        hi = min(len(s), len(s) - end + _CONTEXT)
        return ("…" if lo else "") + s[lo:hi] + ("…" if hi < len(s) else "")

    return cut(before), cut(after)
