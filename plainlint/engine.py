"""The rule engine: runs enabled rules over a document and turns their hits into findings.

Rules report `Hit`s in block-text coordinates. This module maps them to source offsets through
each block's offset map, adds lines and columns, applies severities from configuration, drops
accepted terms and suppressed findings, and collects document metrics.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plainlint import nlp, prefetch
from plainlint.config import Config, ConfigError, Override, did_you_mean, glob_match, relative
from plainlint.document import Document
from plainlint.fixes import plan as plan_fix
from plainlint.fixes import plan_all as plan_fixes
from plainlint.glossary import Glossary, term_key
from plainlint.model import FileResult, Finding, Hit, Severity
from plainlint.rules import Registry, Rule
from plainlint.selection import Selection  # its own module: the command line needs it alone
from plainlint.suppress import apply_suppressions

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.tokens import Doc

    from plainlint.kinds import Kind

UNUSED_SUPPRESSION = "unused-suppression"

#: Document metrics: name -> function of a Context returning a JSON-ready dict.
METRICS: dict[str, Callable[[Context], dict[str, Any]]] = {}


def metric(name: str) -> Callable[[Callable[[Context], dict[str, Any]]], Any]:
    """Register a document metric (readability, framing ...)."""

    def deco(fn: Callable[[Context], dict[str, Any]]) -> Callable[[Context], dict[str, Any]]:
        METRICS[name] = fn
        return fn

    return deco


@dataclass
class Settings:
    """Everything the engine needs for one file: the result of configuration and selection."""

    rules: list[Rule]
    severity: dict[str, Severity]
    options: dict[str, dict[str, Any]]
    accept: frozenset[str]
    glossary: Glossary
    fail_on: Severity | None
    report_unused: bool
    config: Config = field(repr=False, default_factory=Config)
    preset: str = "residents"
    #: ignore-patterns and ignore-blocks for this file (plainlint.formats.templates.Skips)
    skips: Any = None


def _unknown_rules(registry: Registry, unknown: list[str]) -> str:
    """``unknown rule(s) 'latn' (did you mean 'latin'?)``."""
    from plainlint.rules import FAMILIES

    names = [*registry.ids(), *FAMILIES]
    return "unknown rule(s) " + ", ".join(f"{n!r}{did_you_mean(n, names)}" for n in unknown)


def _check_names(registry: Registry, names: list[str], where: str) -> None:
    unknown = registry.unknown(names)
    if unknown:
        raise ConfigError(
            f"{where}: {_unknown_rules(registry, unknown)}; 'plainlint rules' lists them")


def _validate(config: Config, registry: Registry) -> None:
    label = config.label
    _check_names(registry, config.select or [], f"{label}: select")
    _check_names(registry, config.extend_select, f"{label}: extend-select")
    _check_names(registry, config.ignore, f"{label}: ignore")
    _check_names(registry, list(config.severity), f"{label}: severity")
    _check_names(registry, list(config.rules), f"{label}: rules")
    for i, o in enumerate(config.overrides):
        where = f"{label}: overrides[{i}]"
        _check_names(registry, o.select or [], f"{where}.select")
        _check_names(registry, o.extend_select, f"{where}.extend-select")
        _check_names(registry, o.ignore, f"{where}.ignore")
        _check_names(registry, list(o.severity), f"{where}.severity")
        _check_names(registry, list(o.rules), f"{where}.rules")


SettingsCache = dict[tuple[int, tuple[int, ...], Selection], "Settings"]


def resolve(
    config: Config,
    registry: Registry,
    path: Path | None,
    selection: Selection,
    cache: SettingsCache | None = None,
) -> Settings:
    """Settings for one file: configuration, then its matching overrides, then the CLI.

    ``cache`` (owned by the caller, such as one `Checker` run) reuses the settings of files that
    share a configuration and the same overrides. Entries keep their `Config` alive, so the
    ``id`` keys stay unique while the cache lives.
    """
    _validate(config, registry)
    overrides: list[Override] = []
    if path is not None and config.overrides:
        rel = relative(path, config.root)
        overrides = [o for o in config.overrides if any(glob_match(p, rel) for p in o.paths)]
    key = (id(config), tuple(id(o) for o in overrides), selection)
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return cached

    preset = _preset(config, overrides, selection)
    default_on = {r.id for r in registry if r.enabled} - registry.expand(list(preset.ignore))
    enabled = set(default_on) if config.select is None else registry.expand(config.select)
    enabled |= registry.expand(config.extend_select)
    enabled -= registry.expand(config.ignore)
    severity = {**preset.severity, **config.severity}
    options_cfg = preset.options(config.rules)
    accept = set(preset.accept) | set(config.accept)
    for o in overrides:
        if o.select is not None:
            enabled = registry.expand(o.select)
        enabled |= registry.expand(o.extend_select)
        enabled -= registry.expand(o.ignore)
        severity.update(o.severity)
        for rule_id, opts in o.rules.items():
            options_cfg.setdefault(rule_id, {}).update(opts)
        accept.update(o.accept)
    if selection.select is not None:
        unknown = registry.unknown(selection.select)
        if unknown:
            raise ConfigError(f"--select: {_unknown_rules(registry, unknown)}")
        enabled = registry.expand(selection.select)
    enabled |= registry.expand(selection.extend_select)
    enabled -= registry.expand(selection.ignore)
    report_unused = selection.report_unused_suppressions or config.report_unused_suppressions
    if report_unused:
        enabled.add(UNUSED_SUPPRESSION)

    options: dict[str, dict[str, Any]] = {}
    for rule in registry:
        try:
            checked = rule.impl.check_options(options_cfg.get(rule.id, {}))
        except ValueError as exc:
            raise ConfigError(f"{config.label}: rules.{rule.id}: {exc}") from None
        options[rule.id] = rule.resolve_options(checked)

    from plainlint import glossary as glossary_mod

    fail_on = config.fail_on if selection.fail_on == "config" else selection.fail_on
    settings = Settings(
        rules=[r for r in registry if r.id in enabled],
        severity=severity,
        options=options,
        accept=frozenset(term_key(a) for a in accept),
        glossary=glossary_mod.load(tuple(config.glossary)),
        fail_on=fail_on,  # type: ignore[arg-type]
        report_unused=UNUSED_SUPPRESSION in enabled,
        config=config,
        preset=preset.name,
        skips=_skips(config, overrides),
    )
    if cache is not None:
        cache[key] = settings
    return settings


def _preset(config: Config, overrides: list[Override], selection: Selection) -> Any:
    """The preset for a file: ``--preset``, else the last matching override's, else the
    configuration's, else the default."""
    from plainlint.presets import DEFAULT, PresetError, load

    name = selection.preset
    if name is None:
        chosen = [o.content.preset for o in overrides if o.content.preset is not None]
        name = chosen[-1] if chosen else config.content.preset or DEFAULT
    try:
        return load(name)
    except PresetError as exc:
        where = "--preset" if selection.preset is not None else config.label
        raise ConfigError(f"{where}: {exc}") from None


def _skips(config: Config, overrides: list[Override]) -> Any:
    """ignore-patterns and ignore-blocks: the configuration's and its matching overrides'."""
    from plainlint.formats.templates import Skips

    tables = [config.content, *(o.content for o in overrides)]
    return Skips(tuple(p for t in tables for p in t.ignore_patterns),
                 tuple(b for t in tables for b in t.ignore_blocks))


#: A "sentence" longer than this (about 500 words: a run-on list, a flattened table, generated
#: text) is not parsed (see `Context.sentence_docs`), so passive voice and framing are not
#: looked for in it: the rules that read a parse walk it in ways that grow faster than its
#: length (framing took 45 s on one 12,000-word run-on).
MAX_PARSE_CHARS = 3000


class Context:
    """What a rule sees: the document, the glossary, and analysis computed on demand.

    Sentence splits and spaCy analyses are computed once per block and shared by every rule.
    """

    def __init__(self, document: Document, settings: Settings) -> None:
        self.document = document
        self.settings = settings
        self.glossary = settings.glossary
        self._sentences: list[list[tuple[int, int]]] | None = None
        self._docs: dict[str, list[Doc]] = {}
        self._sentence_docs: dict[tuple[str, int, int, int], Doc] = {}
        self._block_tags: dict[int, Doc] = {}  # blocks tagged one by one (`pos_matches`)
        self.metrics: dict[str, Any] = {}
        # Analyses several rules and metrics share (readability, framing), by name. They live
        # and die with this document's check: a cache outside it would keep every document
        # checked in a run alive (a module-level WeakKeyDictionary does, when its value refers
        # back to the Context).
        self.shared = Shared()

    def sentences(self, block_index: int) -> list[tuple[int, int]]:
        """Sentence spans of a block, in block-text coordinates."""
        if self._sentences is None:
            self._sentences = [nlp.sentence_spans(b.text) for b in self.document.blocks]
        return self._sentences[block_index]

    def _level_docs(self, level: str) -> list[Doc]:
        docs = self._docs.get(level)
        if docs is None:
            # A parse includes tags: reuse it for rules that only need tags.
            if level == "tags" and "parse" in self._docs:
                return self._docs["parse"]
            docs = nlp.analyse([b.text for b in self.document.blocks], level)
            self._docs[level] = docs
        return docs

    def sentence_docs(
        self, spans: Iterable[tuple[int, int, int]], level: str = "parse"
    ) -> dict[tuple[int, int, int], Doc]:
        """Analyse single sentences, given as (block index, start, end), in one batch.

        Rules that need a parse should ask only for the sentences that can trigger them: a
        parse costs far more than a regular expression. Each sentence is analysed once per
        level, however many rules ask; a parse also serves rules that only need tags. Token
        offsets in a returned Doc are relative to the sentence start. A "sentence" longer than
        `MAX_PARSE_CHARS` (a pasted list or data, not a sentence anyone reads; the
        long-sentence rule reports it) is not analysed and is missing from the result.
        """
        wanted = [k for k in dict.fromkeys(spans) if k[2] - k[1] <= MAX_PARSE_CHARS]
        out: dict[tuple[int, int, int], Doc] = {}
        todo: list[tuple[int, int, int]] = []
        for key in wanted:
            doc = self._sentence_docs.get((level, *key))
            if doc is None and level == "tags":
                doc = self._sentence_docs.get(("parse", *key))
            if doc is None:
                todo.append(key)
            else:
                out[key] = doc
        if todo:
            texts = [self.document.blocks[b].text[s:e] for b, s, e in todo]
            for key, doc in zip(todo, nlp.analyse(texts, level), strict=True):
                self._sentence_docs[(level, *key)] = doc
                out[key] = doc
        return out

    def doc(self, block_index: int, level: str = "tags") -> Doc:
        return self._level_docs(level)[block_index]

    def docs(self, level: str = "tags") -> list[tuple[int, Doc]]:
        return list(enumerate(self._level_docs(level)))

    def pos_matches(self, block_index: int, start: int, pos: tuple[str, ...]) -> bool:
        """Does the word starting at ``start`` have one of the coarse parts of speech ``pos``?

        The part of speech is a function of the block's text: one found in an earlier check
        (`nlp.Facts`) is used as it is. Where facts are kept, a block whose word is not known
        is tagged on its own, not with the whole document (most of which is known)."""
        text = self.document.blocks[block_index].text
        return nlp.fact(("pos", text, start), lambda: self._pos_at(block_index, start)) in pos

    def _pos_at(self, block_index: int, start: int) -> str | None:
        if nlp.facts() is not None and "tags" not in self._docs and "parse" not in self._docs:
            doc = self._block_tags.get(block_index)
            if doc is None:
                doc = nlp.analyse([self.document.blocks[block_index].text], "tags")[0]
                self._block_tags[block_index] = doc
        else:
            doc = self.doc(block_index, "tags")
        for token in doc:
            if token.idx <= start < token.idx + max(1, len(token.text)):
                return str(token.pos_)
        return None


class Shared(dict[str, Any]):
    """`Context.shared`, where an analysis may be on its way from another process: reading it
    waits for it (`ahead`). One that did not come (the process failed) reads as missing, so
    the analysis is made here as usual."""

    def __init__(self) -> None:
        super().__init__()
        self.coming: dict[str, Callable[[], Any]] = {}
        self._stops: dict[str, Callable[[], None]] = {}

    def expect(self, key: str, wait: Callable[[], Any], stop: Callable[[], None]) -> None:
        """``key`` will come from ``wait()``; ``stop()`` ends the work if it is not wanted."""
        self.coming[key] = wait
        self._stops[key] = stop

    def get(self, key: str, default: Any = None) -> Any:
        wait = self.coming.pop(key, None)
        if wait is not None:
            self._stops.pop(key, None)
            value = wait()
            if value is not None:
                self[key] = value
        return super().get(key, default)

    def abandon(self) -> None:
        """Stop whatever is still on its way (the check ended early, or never asked)."""
        for key in list(self.coming):
            del self.coming[key]
            self._stops.pop(key)()


#: How many processes one document may use (`document_jobs`): 1 unless the command line's
#: ``--jobs`` allows more and the document is checked in the main process.
_DOCUMENT_JOBS: ContextVar[int] = ContextVar("plainlint_document_jobs", default=1)
#: A document with at least this much text (about 300 words), with a rule on that parses or
#: tags, loads the English pipeline before its first rule runs (see `check_document`).
PRELOAD_CHARS = 2_000
#: A document shorter than this (about 5,000 words) is checked in one process: starting a
#: second one and sending its answer back costs more than it saves.
SPLIT_CHARS = 30_000


@contextmanager
def document_jobs(jobs: int) -> Iterator[None]:
    """Within this block, a large document may be checked in up to ``jobs`` processes."""
    token = _DOCUMENT_JOBS.set(jobs)
    try:
        yield
    finally:
        _DOCUMENT_JOBS.reset(token)


def ahead(ctx: Context) -> None:
    """Start the shared analysis the rules read (`Kind.analysis`: framing) of a large document
    in a second process, when ``--jobs`` allows one; this process goes on with the other
    rules and reads the analysis when its rules or measure first ask for it (`Shared`).

    The second process is a copy of this one (fork) made once the English pipeline is
    loaded, so it starts at once; it runs the same `Kind.make_analysis` on the same document
    and sends the result back, with the facts it found, so the findings are the ones one
    process gives, byte for byte. Parsing and reading the framing of sentences is about half
    of a large document's check. Where processes cannot be forked, or the copy fails, the
    analysis is made here."""
    if _DOCUMENT_JOBS.get() < 2:
        return
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return
    if sum(len(b.text) for b in ctx.document.blocks) < SPLIT_CHARS:
        return
    kind = next((type(r.impl) for r in ctx.settings.rules if r.impl.analysis), None)
    if kind is None or kind.analysis is None:
        return
    # Loaded once, here, for both; each splits the sentences for itself (splitting first
    # would hold the copy back, and the analysis is the longer half).
    nlp.pipeline("parse")
    mp = multiprocessing.get_context("fork")
    receive, send = mp.Pipe(duplex=False)
    try:
        proc = mp.Process(target=_analysis_worker, args=(ctx, kind, send), daemon=True)
        proc.start()
    except OSError:  # no memory or processes left for a copy: do it here
        receive.close()
        send.close()
        return
    send.close()

    def wait() -> Any:
        try:
            analysis, found = pickle.loads(receive.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError, TypeError, ValueError):
            return None
        finally:
            receive.close()
            proc.join()
        kept = nlp.facts()
        if kept is not None:
            kept.update(found)  # what the copy found is kept as if found here
        return analysis

    def stop() -> None:
        receive.close()
        proc.terminate()
        proc.join()

    ctx.shared.expect(kind.analysis, wait, stop)


def _analysis_worker(ctx: Context, kind: type[Kind], send: Any) -> None:
    """In the copy: the analysis and the facts found making it, pickled into the pipe
    (nothing on failure)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run on Ctrl+C
    import os

    code = 0
    try:
        analysis = kind.make_analysis(ctx)
        kept = nlp.facts()
        found = kept.used if kept is not None else {}
        send.send_bytes(pickle.dumps((analysis, found), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # the parent makes the analysis itself
        code = 1
    finally:
        send.close()
        # Straight out: no exit handlers, and no flushing of output the parent still holds.
        os._exit(code)


def to_finding(document: Document, rule: Rule, hit: Hit, severity: Severity,
               plan: bool = True) -> Finding:
    """Map a rule's hit from block text to the source: offsets, lines, columns and text.

    With ``plan=False`` the finding's fix is left for `plainlint.fixes.plan_all`, which plans
    a whole document's findings at once."""
    block = document.blocks[hit.block_index]
    start, end = block.source_span(hit.start, hit.end)
    lines = document.source.lines
    line, column = lines.position(start)
    end_line, end_column = lines.end_position(start, end)
    finding = Finding(
        rule=rule.id,
        severity=severity,
        message=hit.message,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        offset=start,
        end_offset=end,
        text=document.source.text[start:end],
        suggestions=hit.suggestions,
        block=block.kind_at(hit.start, hit.end).value,
        term=hit.term,
        data=dict(hit.data or {}),
    )
    if plan:
        finding.fix, finding.no_fix = plan_fix(document, block, hit, finding)
    return finding


#: Kinds that only restyle words (capitals, abbreviations). When a rule of another kind
#: flags exactly the same words, its advice (replace them, leave them out) covers these, and
#: the two would contradict each other ("PLEASE NOTE": write "Please note" / leave it out),
#: so only the other finding is kept. docs/configuration.md ("One finding per phrase").
RESTYLE_KINDS = frozenset({"capitals", "acronym"})


def one_per_phrase(findings: list[Finding], kinds: dict[str, str]) -> list[Finding]:
    """Drop a restyling finding when another rule flags exactly the same characters."""
    spans = {(f.offset, f.end_offset) for f in findings if kinds.get(f.rule) not in RESTYLE_KINDS}
    return [f for f in findings
            if kinds.get(f.rule) not in RESTYLE_KINDS or (f.offset, f.end_offset) not in spans]


def check_document(document: Document, settings: Settings) -> FileResult:
    """Run every enabled rule over a document."""
    import plainlint.metrics  # noqa: F401  (registers the document metrics)

    ctx = Context(document, settings)
    kept = nlp.facts()
    if kept is not None:
        kept.note(b.text for b in document.blocks)
    # The words' frequencies looked up in a copy of this process while it loads spaCy.
    with prefetch.word_frequencies(document, settings):
        if not _mostly_known(document, kept):
            if any(r.impl.needs & {"tags", "parse"} for r in settings.rules) and sum(
                    len(b.text) for b in document.blocks) >= PRELOAD_CHARS:
                # A page this long will be parsed; loaded first, the pipeline's tokenizer
                # also splits the sentences (`nlp._split`), so no second tokenizer is built.
                nlp.pipeline("parse")
            ahead(ctx)
        try:
            return _check(ctx)
        finally:
            ctx.shared.abandon()


def _mostly_known(document: Document, kept: nlp.Facts | None) -> bool:
    """Are most of the document's blocks known from an earlier check (``kept``)? Then
    little of it will be analysed: the pipeline is loaded only if something needs it, and
    the framing analysis is not sent to a second process."""
    if kept is None or not len(kept) or not document.blocks:
        return False
    known = sum(len(b.text) for b in document.blocks if kept.knows(("spans", b.text)))
    return known * 2 >= sum(len(b.text) for b in document.blocks)


def _check(ctx: Context) -> FileResult:
    document, settings = ctx.document, ctx.settings
    rules = [r for r in settings.rules if r.id != UNUSED_SUPPRESSION]
    # Rules that read an analysis another process is making run last, after the fixes of
    # the others are planned, so this process does not wait for it with work still to do.
    waiting = [r for r in rules if r.impl.analysis in ctx.shared.coming]
    found: dict[str, list[Finding]] = {}
    for part in ([r for r in rules if r not in waiting], waiting):
        pending: list[tuple[Hit, Finding]] = []
        for rule in part:
            found[rule.id] = _run(ctx, rule, pending)
        plan_fixes(document, pending)  # every finding's fix, tagging each block once
    findings = [f for r in rules for f in found[r.id]]  # in the rules' order, as always
    findings = one_per_phrase(findings, {r.id: r.kind for r in settings.rules})
    findings, unused, problems = apply_suppressions(document, findings, _known_ids(settings))
    findings = once_per_term(findings, {r.id for r in settings.rules
                                        if getattr(r.impl, "once_per_document", False)})
    if settings.report_unused:
        findings.extend(_unused_findings(document, unused, settings))
    findings.sort(key=lambda f: f.sort_key)
    result = FileResult(path=document.path, format=document.format, findings=findings,
                        title=document.meta.get("title"), preset=settings.preset)
    result.warnings.extend(document.warnings)
    result.warnings.extend(problems)
    result.metrics = _measure(ctx)
    return result


def _run(ctx: Context, rule: Rule, pending: list[tuple[Hit, Finding]]) -> list[Finding]:
    """One rule's findings; each is added to ``pending`` for its fix to be planned."""
    document, settings = ctx.document, ctx.settings
    options = settings.options.get(rule.id, rule.options)
    configured = settings.severity.get(rule.id)
    out = []
    for hit in rule.impl.check(ctx, rule, options):
        severity = configured or hit.severity or rule.severity
        finding = to_finding(document, rule, hit, severity, plan=False)
        if settings.accept and _accepted(finding, block_text(document, hit), settings):
            continue
        out.append(finding)
        pending.append((hit, finding))
    return out


def _known_ids(settings: Settings) -> set[str]:
    """Every rule id a suppression comment may name: the built-in rules and this run's."""
    return _builtin_ids() | {r.id for r in settings.rules}


@functools.cache
def _builtin_ids() -> frozenset[str]:
    """The built-in rule ids, worked out once per process rather than once per document."""
    from plainlint.rules import builtin

    return frozenset(r.id for r in builtin())


def once_per_term(findings: list[Finding], rules: set[str]) -> list[Finding]:
    """One finding per term per document for ``rules``: the first use, with the others.

    Editors fix a term once, so a term used eight times is one finding at its first use (after
    accepted terms and suppressed findings are left out), whose message gives the count and the
    lines of the other uses and whose ``related`` lists their exact places.
    """
    if not rules:
        return findings
    firsts: dict[tuple[str, str], Finding] = {}
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        if f.rule not in rules or f.term is None:
            out.append(f)
            continue
        first = firsts.get((f.rule, f.term))
        if first is None:
            firsts[(f.rule, f.term)] = f
            out.append(f)
            continue
        first.related.append({
            "line": f.line, "column": f.column, "end_line": f.end_line,
            "end_column": f.end_column, "offset": f.offset, "end_offset": f.end_offset,
            "text": f.text,
        })
    for first in firsts.values():
        if first.related:
            first.message += " " + repeats_in_lines(first)
    return out


def repeats_in_lines(finding: Finding) -> str:
    lines = sorted({r["line"] for r in finding.related})
    return repeats_note(len(finding.related), [str(x) for x in lines], "line", "lines")


def repeats_note(count: int, places: list[str], one: str = "", many: str = "") -> str:
    """The end of a once-per-document message: "Used 2 more times in this document (lines 5
    and 7): ...". ``places`` are distinct, in order; ``one``/``many`` name them ("line")."""
    from plainlint.textutil import and_list

    times = "once more" if count == 1 else f"{count} more times"
    name = one if len(places) == 1 else many
    shown = and_list(places) if len(places) <= 8 else ", ".join(places[:8]) + " and others"
    where = f"{name} {shown}".strip()
    return f"Used {times} in this document ({where}): explain or change it once, here."


def measure_document(document: Document, settings: Settings) -> dict[str, Any]:
    """A document's measures (``FileResult.metrics``) without running any rule.

    Each metric still decides from ``settings`` whether it applies (the readability measures
    when a readability rule is on, and so on), so the figures are the ones a check with the
    same settings reports: `changes` compares a file with its version at the diff base this way.
    """
    import plainlint.metrics  # noqa: F401  (registers the document metrics)

    return _measure(Context(document, settings))


def _measure(ctx: Context) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, fn in METRICS.items():
        value = fn(ctx)
        if value:
            out[name] = value
    return out


def block_text(document: Document, hit: Hit) -> str:
    return document.blocks[hit.block_index].text[hit.start : hit.end]


def _accepted(finding: Finding, matched: str, settings: Settings) -> bool:
    if finding.term is not None and term_key(finding.term) in settings.accept:
        return True
    return term_key(matched) in settings.accept


def _unused_findings(document: Document, unused: list[Any], settings: Settings) -> list[Finding]:
    enabled = {r.id for r in settings.rules}
    rule = next(r for r in settings.rules if r.id == UNUSED_SUPPRESSION)
    severity = settings.severity.get(rule.id, rule.severity)
    out = []
    lines = document.source.lines
    for d in unused:
        # Only report a directive when every rule it names ran: otherwise we cannot know.
        if d.rules and not set(d.rules) <= enabled:
            continue
        if not d.rules and len(enabled) < 2:
            continue
        line, column = lines.position(d.offset)
        end_line, end_column = lines.end_position(d.offset, d.end_offset)
        names = ", ".join(d.rules) if d.rules else "all rules"
        out.append(
            Finding(
                rule=rule.id,
                severity=severity,
                message=f"This plainlint-{d.action} ({names}) silences nothing here; remove it.",
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                offset=d.offset,
                end_offset=d.end_offset,
                text=document.source.text[d.offset : d.end_offset],
                block="comment",
            )
        )
    return out


def check_config_errors(config: Config, registry: Registry) -> None:
    """Raise `ConfigError` if a configuration names rules or options that do not exist."""
    _validate(config, registry)
    for rule_id, opts in config.rules.items():
        rule = registry.get(rule_id)
        if rule is not None:
            try:
                rule.impl.check_options(opts)
            except ValueError as exc:
                raise ConfigError(f"{config.label}: rules.{rule_id}: {exc}") from None
