"""The command line: parses options, calls `plainlint.api`, picks a reporter and an exit code.

Exit codes: 0 no finding at or above ``--fail-on``; 1 at least one; 2 a usage or configuration
error, or a file that could not be checked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from plainlint import __version__
from plainlint.textutil import printable

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "github", "sarif", "markdown", "rdjson", "gitlab", "html")


class PlainlintGroup(click.Group):
    """Turns expected failures into one clear line and exit code 2, never a traceback; loads
    the commands in `LAZY_COMMANDS` when they are asked for."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """plainlint as a program (the console script, ``python -m plainlint``): its commands,
        then `leave`. (Tests call ``main.main`` through click's runner, which stays.)"""
        try:
            return self.main(*args, **kwargs)
        except SystemExit as exc:
            leave(exc)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in LAZY_COMMANDS:
            import importlib

            module, name = LAZY_COMMANDS[cmd_name]
            found = getattr(importlib.import_module(module), name)
            self.add_command(found, cmd_name)
        return found

    def invoke(self, ctx: click.Context) -> Any:
        previous = _catch_termination()
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Output piped to a program that stopped reading (head): not our error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_OK)
        except KeyboardInterrupt as exc:
            # Ctrl+C, or SIGTERM / SIGHUP (see _catch_termination): every file being written
            # was written whole or not at all (fsutil.atomic_write), and the exit code says
            # which signal stopped the run, as a shell reports it.
            signum = exc.args[0] if exc.args and isinstance(exc.args[0], int) else signal.SIGINT
            error(f"interrupted ({signal.Signals(signum).name}); files being written were left "
                  "as they were")
            ctx.exit(128 + signum)
        except Exception as exc:
            if not _expected_failure(exc):
                raise
            error(str(exc))
            ctx.exit(EXIT_ERROR)
        finally:
            _restore_handlers(previous)


def leave(done: SystemExit) -> None:
    """End the process as ``done`` says, without tearing the interpreter down.

    Python frees every object one by one on the way out; after a check that loaded spaCy that
    took 0.15 s, a tenth of a 1,000-word check, for nothing. Everything that would run still
    runs: the ``atexit`` handlers (logging, worker pools, temporary folders), then standard
    output and error are flushed; only the freeing is skipped (``os._exit``). Every file
    plainlint writes is complete and closed before this point (`plainlint.fsutil`). With
    threads still running (a server stopping), Python's own way out is kept, as it waits for
    them; so it is under a profiler or tracer (``python -m cProfile``, coverage), which write
    what they found after the program returns.
    """
    import atexit
    import threading

    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        raise done  # threads to wait for; a profiler or tracer that writes its data on the way out
    code = done.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # as Python prints a message given to sys.exit
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # a reader that stopped reading (head): not our error, as in `invoke`
        except (OSError, ValueError) as exc:  # a full disk, a closed stream
            if stream is sys.stdout:
                with contextlib.suppress(OSError, ValueError):
                    error(f"standard output: cannot write the report ({exc})")
                    sys.stderr.flush()
                code = EXIT_ERROR
    os._exit(code)


#: The errors a user can cause (a bad configuration, glossary or rule file; no English
#: pipeline): one line and exit code 2. By module, so that none is imported to be caught.
EXPECTED_FAILURES = (("plainlint.config", "ConfigError"), ("plainlint.glossary", "GlossaryError"),
                     ("plainlint.rules", "RuleError"), ("plainlint.nlp", "ModelMissing"))


def _expected_failure(exc: Exception) -> bool:
    """Whether ``exc`` is one of `EXPECTED_FAILURES`. A module that was never imported cannot
    have raised its error, so only those already imported are asked."""
    for module, name in EXPECTED_FAILURES:
        found = sys.modules.get(module)
        if found is not None and isinstance(exc, getattr(found, name)):
            return True
    return False


def _catch_termination() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP raise `KeyboardInterrupt` (with the signal number), as Ctrl+C
    does, so that a file being written is cleaned up instead of the process vanishing mid-way.
    Returns the handlers to put back (none when not in the main thread)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        previous[sig] = signal.signal(sig, interrupt)
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def error(message: str) -> None:
    """One line on standard error. File names and text in it cannot break it into two, or send
    a terminal escape sequences (`printable`)."""
    click.echo(f"plainlint: error: {printable(message)}", err=True)


def warn(message: str) -> None:
    click.echo(f"plainlint: warning: {printable(message)}", err=True)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


# -- what several commands share ----------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def rule_options(verb: str) -> Callable[[F], F]:
    """--select, --extend-select and --ignore, worded for the command ("Fix only these ...")."""

    def deco(fn: F) -> F:
        fn = preset_option(fn)
        fn = click.option("--ignore", multiple=True, metavar="RULES",
                          help=f"Do not {verb} these rules.")(fn)
        fn = click.option("--extend-select", multiple=True, metavar="RULES",
                          help=f"{verb.capitalize()} these rules as well as the configured "
                          "ones.")(fn)
        return click.option("--select", multiple=True, metavar="RULES",
                            help=f"{verb.capitalize()} only these rules or families "
                            "(comma-separated).")(fn)

    return deco


def _remember_preset(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--preset is kept aside for `selection_from`, so the commands need no new argument."""
    if value is not None:
        from plainlint.presets import PresetError, load

        try:
            load(value)
        except PresetError as exc:
            raise click.BadParameter(str(exc)) from None
    ctx.meta["plainlint.preset"] = value


def _preset_help() -> str:
    return ("Who the text is for: residents (the default), staff or technical; it overrides "
            "any preset in configuration. 'plainlint rules --preset NAME' shows what one "
            "changes.")


def preset_option(fn: F) -> F:
    return click.option("--preset", metavar="NAME", expose_value=False,
                        callback=_remember_preset, help=_preset_help())(fn)


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file for every path.")
exclude_option = click.option("--exclude", multiple=True, metavar="GLOB",
                              help="Skip files matching GLOB.")
stdin_filename_option = click.option(
    "--stdin-filename", metavar="NAME",
    help="File name for text read from '-' (its extension picks the format).")
color_option = click.option(
    "--color/--no-color", default=None,
    help="Colour the output [default: on a terminal, unless NO_COLOR is set].")


jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
    help="Check files in N worker processes [default: one per core; 1: no workers].")
no_cache_option = click.option(
    "--no-cache", is_flag=True,
    help="Check every file afresh, without reading or writing the results cache.")
cache_dir_option = click.option(
    "--cache-dir", type=click.Path(path_type=Path), envvar="PLAINLINT_CACHE_DIR",
    help="Where to keep cached results [default: .plainlint_cache].")


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from plainlint.source import check_encoding

    try:
        return check_encoding(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


encoding_option = click.option(
    "--encoding", metavar="NAME", callback=_encoding,
    help="Read text files that are not UTF-8 in this encoding, such as cp1252 (Windows-1252) "
    "or latin-1 [default: the configuration's encoding; UTF-8 only].")
no_ignore_option = click.option(
    "--no-ignore", is_flag=True,
    help="In folders, check files git ignores too (.gitignore) [default: skip them in a git "
    "repository].")


def require_config(config_path: Path | None) -> None:
    """Stop with one line when ``--config`` names a file that is not there."""
    if config_path is not None and not config_path.is_file():
        error(f"{config_path}: no such configuration file")
        click.get_current_context().exit(EXIT_ERROR)


def selection_from(select: tuple[str, ...], extend_select: tuple[str, ...],
                   ignore: tuple[str, ...], fail_on: str | None = None,
                   report_unused_suppressions: bool = False) -> Any:
    """The `Selection` the command line asks for. ``fail_on``: None keeps the configuration's,
    "never" fails on nothing, or a severity."""
    from plainlint.model import Severity
    from plainlint.selection import Selection

    fail: Severity | str | None = "config"
    if fail_on == "never":
        fail = None
    elif fail_on is not None:
        fail = Severity.parse(fail_on)
    ctx = click.get_current_context(silent=True)
    preset = ctx.meta.get("plainlint.preset") if ctx is not None else None
    return Selection(
        preset=preset,
        select=_names(select) or None,
        extend_select=_names(extend_select),
        ignore=_names(ignore),
        fail_on=fail,
        report_unused_suppressions=report_unused_suppressions,
    )


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
@click.argument("paths", nargs=-1, type=click.Path(readable=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@rule_options("check")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion", "never"]),
              default=None, help="Exit 1 when a finding is at least this severe "
              "[default: warning, or the configuration's fail-on].")
@config_option
@exclude_option
@stdin_filename_option
@color_option
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report plainlint-disable comments that silence nothing.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print findings only: no measures and no summary.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also say which files had nothing to check (empty pages).")
@encoding_option
@no_ignore_option
@click.option("--diff-base", metavar="REF",
              help="Check only files changed since the merge base of REF and HEAD, and report "
              "only findings on added or modified lines (git).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Leave out the known findings recorded in this file by 'plainlint baseline'.")
@click.option("--save", multiple=True, metavar="FORMAT=FILE",
              help="Also write the report in FORMAT to FILE, from the same run (repeatable): "
              "--save sarif=plainlint.sarif --save markdown=comment.md")
@click.option("--report-url", metavar="URL",
              help="Where the full report can be seen, for notes in github and markdown output "
              "[default: this GitHub Actions run, when run there].")
@jobs_option
@no_cache_option
@cache_dir_option
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
    verbose: bool = False,
    encoding: str | None = None,
    no_ignore: bool = False,
    diff_base: str | None = None,
    baseline_path: Path | None = None,
    save: tuple[str, ...] = (),
    report_url: str | None = None,
    jobs: int = 0,
    no_cache: bool = False,
    cache_dir: Path | None = None,
) -> None:
    """Check Markdown, HTML, text, Word, PDF and OpenDocument files (and folders) for plain
    language.

    Use '-' to read standard input. With no PATHS, checks the current folder.
    """
    from plainlint.api import STDIN, Checker
    from plainlint.reporters import CI_FORMATS, REPORTERS, ReportOptions
    from plainlint.source import read_stdin_bytes

    ctx = click.get_current_context()
    require_config(config_path)
    selection = selection_from(select, extend_select, ignore, fail_on,
                               report_unused_suppressions)
    from plainlint.cache import ResultCache

    cache = None if no_cache else ResultCache(cache_dir)
    saves = _parse_saves(save)
    # An HTML page shows the text with its problems marked, so it needs each file's document.
    keep = "html" in {fmt, *(f for f, _ in saves)}
    checker = Checker(selection, config_path, exclude=exclude, keep_documents=keep,
                      cache=cache, jobs=jobs, encoding=encoding, no_ignore=no_ignore)
    targets = list(paths) or ["."]
    baseline = load_baseline(baseline_path)
    if diff_base is not None:
        result = _check_changed(checker, targets, diff_base, baseline)
    else:
        stdin_data = (read_stdin_bytes(sys.stdin, checker.stdin_limit_mb())
                      if STDIN in targets else None)
        result = checker.run(targets, stdin_data=stdin_data, stdin_filename=stdin_filename)
        if baseline is not None:
            from plainlint.baseline import apply

            apply(result, baseline)

    for w in result.warnings:
        warn(w)
    for e in result.errors:
        error(f"{e.path}: {e.message}")
    if verbose:
        show_info(checker, result)
    stream = sys.stdout
    wanted = {fmt, *(f for f, _ in saves)}
    options = ReportOptions(
        color=_use_color(color, stream) and output is None,
        show_summary=not quiet,
        show_metrics=not quiet,
        root=_ci_root() if wanted & CI_FORMATS else None,
        report_url=report_url or _github_run_url(),
    )

    def make(report_fmt: str, report_options: ReportOptions) -> str:
        def render() -> str:
            return REPORTERS[report_fmt](result, report_options)

        # A re-run answered by its manifest gives the report kept beside it (not once
        # --baseline or --diff-base filtered the result: `Checker.report`).
        return checker.report(result, report_fmt, report_options, render)  # type: ignore[no-any-return]

    report = _render(fmt, output or "standard output", lambda: make(fmt, options))
    if output:
        _write_report(output, report)
    else:
        # Without colour click removes colour codes; a report with no escape character has
        # none, and scanning a long report for them cost as much as a cached run's checking.
        click.echo(report, nl=False, color=options.color or "\x1b" not in report)
    plain = dataclasses.replace(options, color=False, show_summary=True)
    for save_fmt, save_path in saves:
        text = _render(save_fmt, save_path, lambda f=save_fmt: make(f, plain))
        _write_report(save_path, text)
    if result.errors:
        ctx.exit(EXIT_ERROR)
    ctx.exit(EXIT_FINDINGS if result.failed else EXIT_OK)


def _render(fmt: str, where: str, make: Callable[[], str]) -> str:
    """Make a report, or stop with one line and exit 2: a reporter that fails must never look
    like a run that found problems (exit 1)."""
    try:
        return make()
    except Exception as exc:  # any failure, a bug included: one line, not a traceback
        error(f"{where}: cannot make the {fmt} report ({type(exc).__name__}: {exc})")
        click.get_current_context().exit(EXIT_ERROR)
        raise  # unreachable: exit raises


def note(message: str) -> None:
    click.echo(f"plainlint: note: {printable(message)}", err=True)


def show_info(checker: Any, result: Any) -> None:
    """What --verbose adds: placeholder pages checked with nothing in them, and what the
    checker noticed on the way (files git ignores)."""
    for f in result.files:
        if f.empty is not None:
            note(f"{f.path}: {f.empty}: nothing to check")
    for message in checker.info:
        note(message)


def _write_report(path: str, text: str) -> None:
    """Write a report file (making its folder), or stop with one line saying why not."""
    from plainlint.fsutil import atomic_write

    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except OSError as exc:
        error(f"{path}: cannot write the report ({exc.strerror or exc})")
        click.get_current_context().exit(EXIT_ERROR)


def _parse_saves(values: tuple[str, ...]) -> list[tuple[str, str]]:
    from plainlint.reporters import REPORTERS

    out = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or not path:
            raise click.BadParameter(f"{value!r}: use FORMAT=FILE, such as sarif=plainlint.sarif",
                                     param_hint="--save")
        if fmt not in REPORTERS:
            raise click.BadParameter(f"unknown format {fmt!r}; formats: "
                                     f"{', '.join(REPORTERS)}", param_hint="--save")
        out.append((fmt, path))
    return out


def load_baseline(path: Path | None) -> Any:
    if path is None:
        return None
    from plainlint.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        error(str(exc))
        click.get_current_context().exit(EXIT_ERROR)


def _check_changed(checker: Any, targets: list[str], ref: str, baseline: Any) -> Any:
    from plainlint.api import STDIN
    from plainlint.changes import GitError, check_changed

    ctx = click.get_current_context()
    if STDIN in targets:
        error("--diff-base compares files with git, so it cannot check standard input")
        ctx.exit(EXIT_ERROR)
    try:
        return check_changed(checker, targets, ref, baseline)
    except GitError as exc:
        error(str(exc))
        ctx.exit(EXIT_ERROR)


def _ci_root() -> str | None:
    """The repository root that CI services expect paths relative to."""
    workspace = os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR")
    if workspace and os.path.isdir(workspace):
        return os.path.abspath(workspace)
    from plainlint.gitdiff import GitError, repo_root

    try:
        root = repo_root(Path.cwd())
    except GitError:
        return None
    return str(root) if root is not None else None


def _github_run_url() -> str | None:
    """The page of the GitHub Actions run this is part of (its summary and artefacts)."""
    server = os.environ.get("GITHUB_SERVER_URL")
    repo = os.environ.get("GITHUB_REPOSITORY")
    run = os.environ.get("GITHUB_RUN_ID")
    if server and repo and run:
        return f"{server.rstrip('/')}/{repo}/actions/runs/{run}"
    return None


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--preset", metavar="NAME",
              help="Show what a preset (residents, staff, technical) changes, and the rules "
              "as it leaves them.")
def list_rules(fmt: str, preset: str | None) -> None:
    """List every rule with its family, default severity and what it flags."""
    from plainlint.rules import builtin

    registry = builtin()
    if preset is not None:
        _show_preset(registry, preset, fmt)
        return
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


def _show_preset(registry: Any, name: str, fmt: str) -> None:
    """``plainlint rules --preset NAME``: what the preset is for, what it changes, the rules."""
    from plainlint.config import Config
    from plainlint.engine import Selection, resolve
    from plainlint.presets import PresetError, changes, load

    try:
        preset = load(name)
    except PresetError as exc:
        error(str(exc))
        click.get_current_context().exit(EXIT_ERROR)
    settings = resolve(Config(), registry, None, Selection(preset=name))
    on = {r.id for r in settings.rules}
    if fmt == "json":
        click.echo(json.dumps({
            "preset": preset.name, "summary": preset.summary, "when": preset.when,
            "source": preset.source, "changes": changes(preset),
            "rules": [{"id": r.id, "enabled": r.id in on,
                       "options": settings.options.get(r.id, r.options)} for r in registry],
        }, indent=2))
        return
    click.echo(f"{preset.name}: {preset.summary}")
    click.echo(f"Use it for: {preset.when}")
    click.echo("Changes from the defaults:")
    for line in changes(preset):
        click.echo(f"  {line}")
    click.echo("Rules:")
    width = max(len(r.id) for r in registry)
    for r in registry:
        state = "on" if r.id in on else "off"
        click.echo(f"  {r.id:<{width}}  {state}")


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
        if e.fix.value == "safe":
            click.echo(f"plainlint fix swaps in “{e.alternatives[0]}” for you.")
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
        "fix": e.fix.value,
    }


#: Commands kept in their own modules, imported only when they run (or ``--help`` lists them):
#: importing them all made every start, ``--version`` included, load the fixer and the API.
LAZY_COMMANDS = {
    "fix": ("plainlint.cli_fix", "fix"),
    "annotate": ("plainlint.cli_documents", "annotate"),
    "extract": ("plainlint.cli_documents", "extract"),
    "baseline": ("plainlint.cli_baseline", "baseline"),
    "report": ("plainlint.report", "report"),
    "serve": ("plainlint.serve.command", "serve"),
}
