"""The glossary: terms, their plain alternatives and explanations, read from YAML.

See docs/glossary-format.md for the file format. Loading validates every entry and reports
problems with the file name and, where YAML gives one, the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from plainlint import inflect, yamlutil
from plainlint.model import Applicability, Severity, Suggestion

INFLECTIONS = ("noun", "verb", "none")
_CONTEXT_KEYS = ("before", "not_before", "after", "not_after", "pos", "reach")
_WORD_KEYS = ("before", "not_before", "after", "not_after")
MAX_REACH = 4
_ENTRY_KEYS = {
    "term", "variants", "inflect", "forms", "alternatives", "fix", "explanation", "severity",
    "category", "source", "context", "note", "contested", "examples", "rule", "slots",
}
#: The places a term can stand in a sentence, for `Entry.slots` (plainlint.fixes).
SLOTS = ("noun", "modifier", "verb")
_POS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
}


_CONTEXT_WORD = re.compile(r"[^\s*]+\*?")


class GlossaryError(Exception):
    """A glossary file cannot be used. The message names the file and, if known, the line."""


@dataclass(frozen=True)
class Context:
    """Conditions on the words around a match (see docs/glossary-format.md)."""

    before: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    reach: int = 1  # how many words away a single-word item may be (see termmatch)

    @property
    def empty(self) -> bool:
        return not (self.before or self.not_before or self.after or self.not_after or self.pos)


@dataclass(frozen=True)
class Examples:
    trigger: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    term: str
    rule: str
    explanation: str
    category: str = ""
    variants: tuple[str, ...] = ()
    inflect: str = "none"
    forms: tuple[tuple[str, str], ...] = ()  # (surface, form name)
    alternatives: tuple[str, ...] = ()
    fix: Applicability = Applicability.UNSAFE
    severity: Severity | None = None
    source: tuple[str, ...] = ()
    context: Context = field(default_factory=Context)
    note: str = ""
    contested: bool = False
    examples: Examples = field(default_factory=Examples)
    file: str = ""
    slots: tuple[tuple[str, str], ...] = ()  # (slot, replacement): "modifier" -> "joint"

    @property
    def case_sensitive(self) -> bool:
        letters = [c for c in self.term if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    def headwords(self) -> list[str]:
        return [self.term, *self.variants]

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, form name) this entry matches, before spelling folding."""
        seen: set[str] = set()
        for word in self.headwords():
            spellings = [word]
            us = inflect.american_spelling(word)
            if us != word:
                spellings.append(us)
            for spelling in spellings:
                for form, surface in inflect.forms_of(spelling, self.inflect).items():
                    if surface not in seen:
                        seen.add(surface)
                        yield surface, form
        for surface, form in self.forms:
            if surface not in seen:
                seen.add(surface)
                yield surface, form

    def inflect_for(self, form: str) -> str:
        """How alternatives are inflected for a match in ``form``: as the entry says, or, for
        an entry that lists its own forms ("commissioned"), as the form shows."""
        if self.inflect != "none":
            return self.inflect
        if form in (inflect.S, inflect.ED, inflect.EN, inflect.ING):
            return "verb"
        return "noun" if form == inflect.PLURAL else "none"

    def suggestions(self, form: str, matched: str) -> tuple[Suggestion, ...]:
        """Suggestions for a match of this entry in ``form``, shaped like ``matched``."""
        out: list[Suggestion] = []
        for i, alt in enumerate(self.alternatives):
            if is_advice(alt):
                text = advice_text(alt)
                if not alt.startswith("(") and not self.case_sensitive:
                    text = match_case(text, matched)  # "If [x] happens", like "If there is"
                out.append(Suggestion(text=text))
                continue
            replacement = inflect.inflect_phrase(alt, form, self.inflect_for(form))
            if not self.case_sensitive:  # an abbreviation's capitals are not the writer's
                replacement = match_case(replacement, matched)
            applicability = (
                Applicability.SAFE
                if self.fix is Applicability.SAFE and i == 0
                else Applicability.UNSAFE
            )
            out.append(Suggestion(replacement, replacement, applicability))
        return tuple(out)


def guess_form(surface: str, term: str, how: str) -> str:
    """The form name of an extra surface form listed without one: "reached out to" of the verb
    "reach out to" is the past, "single points of contact" the plural of "single point of
    contact". Anything not made by the regular rules ("drove" is, through the irregular verb
    list) counts as the base form, so its replacement is not inflected."""
    words, base = surface.lower().split(), term.lower().split()
    if not words or not base:
        return inflect.BASE
    plural = (inflect.plural_phrase(term.lower()), inflect.forms_of(term.lower(), "noun")["plural"])
    if how in ("noun", "none") and surface.lower() in plural:
        return inflect.PLURAL  # "OAPs"; for an entry of no kind, "commissions" reads either way
    if how in ("verb", "none") and words[1:] == base[1:]:
        head = words[0]
        for form in (inflect.S, inflect.ED, inflect.EN, inflect.ING):
            if inflect.forms_of(base[0], "verb")[form] == head:
                return form
        if how == "verb" and head.endswith("ing"):
            return inflect.ING
        if how == "verb" and head.endswith("ed"):
            return inflect.ED
    return inflect.BASE


def is_advice(alternative: str) -> bool:
    return alternative.startswith("(") or "[" in alternative


def advice_text(alternative: str) -> str:
    text = alternative.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if text == "omit":
        return "leave it out"
    return text


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation of ``original``: Utilise -> Use, ASAP -> AS...,
    and In Order To (a heading in title case) -> To; At Your Earliest Convenience -> As Soon As
    You Can."""
    if not replacement or not original:
        return replacement
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if original[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def term_key(text: str) -> str:
    """A spelling-insensitive key: lower case, without spaces, hyphens or apostrophes."""
    return re.sub(r"[\s\-\u2010\u2011\u00ad'\u2019]+", "", text.lower())


# -- loading ------------------------------------------------------------------------------------


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GlossaryError(f"{where}: expected a string or a list of strings")


def _entry(raw: Any, defaults: dict[str, Any], where: str, file: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: each entry must be a mapping with a 'term'")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise GlossaryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    term = raw.get("term")
    if not isinstance(term, str) or not term.strip():
        raise GlossaryError(f"{where}: 'term' must be a non-empty string")
    where = f"{where} ({term!r})"
    rule = raw.get("rule", defaults.get("rule"))
    if not isinstance(rule, str):
        raise GlossaryError(f"{where}: no 'rule' for this entry or its file")
    explanation = raw.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        raise GlossaryError(f"{where}: 'explanation' is required")
    how = raw.get("inflect", "none") or "none"
    if how not in INFLECTIONS:
        raise GlossaryError(f"{where}: 'inflect' must be one of {', '.join(INFLECTIONS)}")
    forms_raw = raw.get("forms") or []
    forms: list[tuple[str, str]] = []
    if isinstance(forms_raw, dict):
        for form, surface in forms_raw.items():
            if form not in (inflect.BASE, inflect.S, inflect.ED, inflect.EN, inflect.ING,
                            inflect.PLURAL):
                raise GlossaryError(f"{where}: unknown form name {form!r} in 'forms'")
            forms.extend((s, form) for s in _strings(surface, f"{where}: forms"))
    else:
        forms.extend((s, guess_form(s, term.strip(), how))
                     for s in _strings(forms_raw, f"{where}: forms"))
    fix_raw = raw.get("fix", "unsafe")
    try:
        fix = Applicability(fix_raw)
    except ValueError:
        raise GlossaryError(f"{where}: 'fix' must be safe or unsafe") from None
    if fix is Applicability.ADVICE:
        raise GlossaryError(f"{where}: 'fix' must be safe or unsafe")
    alternatives = _strings(raw.get("alternatives"), f"{where}: alternatives")
    if fix is Applicability.SAFE and (not alternatives or is_advice(alternatives[0])):
        raise GlossaryError(f"{where}: 'fix: safe' needs a first alternative that is a word")
    severity = None
    if raw.get("severity") is not None:
        try:
            severity = Severity.parse(raw["severity"])
        except ValueError as exc:
            raise GlossaryError(f"{where}: {exc}") from None
    ctx_raw = raw.get("context") or {}
    if not isinstance(ctx_raw, dict):
        raise GlossaryError(f"{where}: 'context' must be a mapping")
    bad = set(ctx_raw) - set(_CONTEXT_KEYS)
    if bad:
        raise GlossaryError(f"{where}: unknown context key(s) {', '.join(sorted(bad))}")
    reach = ctx_raw.get("reach", 1)
    if isinstance(reach, bool) or not isinstance(reach, int) or not 1 <= reach <= MAX_REACH:
        raise GlossaryError(
            f"{where}: context.reach must be a whole number from 1 to {MAX_REACH}"
        )
    words = {
        k: tuple(
            " ".join(w.lower().split()) for w in _strings(ctx_raw.get(k), f"{where}: context.{k}")
        )
        for k in _WORD_KEYS
    }
    for k, items in words.items():
        for item in items:
            if item == "*":  # any word other than a little phrase-edge word (see termmatch)
                continue
            if not item or any(not _CONTEXT_WORD.fullmatch(part) for part in item.split()):
                raise GlossaryError(
                    f"{where}: context.{k} item {item!r} must be words separated by spaces, "
                    "each optionally ending in '*'"
                )
    if reach > 1 and not any(words.values()):
        raise GlossaryError(
            f"{where}: context.reach needs a before, not_before, after or not_after list"
        )
    context = Context(
        **words,
        pos=tuple(w.upper() for w in _strings(ctx_raw.get("pos"), f"{where}: context.pos")),
        reach=reach,
    )
    if set(context.pos) - _POS:
        raise GlossaryError(
            f"{where}: unknown part of speech {sorted(set(context.pos) - _POS)} in context.pos"
        )
    ex_raw = raw.get("examples") or {}
    if not isinstance(ex_raw, dict) or set(ex_raw) - {"trigger", "pass"}:
        raise GlossaryError(f"{where}: 'examples' takes 'trigger' and 'pass' lists")
    examples = Examples(
        _strings(ex_raw.get("trigger"), f"{where}: examples.trigger"),
        _strings(ex_raw.get("pass"), f"{where}: examples.pass"),
    )
    slots_raw = raw.get("slots") or {}
    if not isinstance(slots_raw, dict) or set(slots_raw) - set(SLOTS) or not all(
            isinstance(v, str) and v.strip() for v in slots_raw.values()):
        raise GlossaryError(f"{where}: 'slots' maps {', '.join(SLOTS)} to a replacement")
    return Entry(
        term=term.strip(),
        slots=tuple((k, " ".join(v.split())) for k, v in slots_raw.items()),
        rule=rule,
        explanation=" ".join(explanation.split()),
        category=str(raw.get("category", defaults.get("category", ""))),
        variants=_strings(raw.get("variants"), f"{where}: variants"),
        inflect=how,
        forms=tuple(forms),
        alternatives=alternatives,
        fix=fix,
        severity=severity,
        source=_strings(raw.get("source", defaults.get("source")), f"{where}: source"),
        context=context,
        note=" ".join(str(raw.get("note", "")).split()),
        contested=bool(raw.get("contested", False)),
        examples=examples,
        file=file,
    )


def load_file(path: Path) -> list[Entry]:
    """Read one glossary file. Raises `GlossaryError` naming the file (and line) on problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary file ({exc})") from None
    try:
        data, node = yamlutil.load_with_node(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GlossaryError(f"{path}{line}: YAML error: {problem}") from None
    if data is None:
        return []
    if isinstance(data, list):
        data = {"entries": data}
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise GlossaryError(f"{path}: expected a mapping with an 'entries' list")
    defaults = {k: data[k] for k in ("rule", "category", "source") if k in data}
    lines = _entry_lines(node)
    entries = []
    first_line: dict[str, str] = {}
    for i, raw in enumerate(data.get("entries") or []):
        line = f":{lines[i]}" if i < len(lines) else ""
        entry = _entry(raw, defaults, f"{path}{line}: entry {i + 1}", str(path))
        key = term_key(entry.term)
        if key in first_line:
            raise GlossaryError(
                f"{path}{line}: entry {i + 1} ({entry.term!r}): the same term is already "
                f"entry {first_line[key]}; give each term one entry"
            )
        first_line[key] = f"{i + 1}" + (f" at line {lines[i]}" if i < len(lines) else "")
        entries.append(entry)
    return entries


def _entry_lines(node: yaml.Node | None) -> list[int]:
    """1-based line numbers where each entry of the top 'entries' list starts (best effort)."""
    if isinstance(node, yaml.SequenceNode):
        seq = node
    elif isinstance(node, yaml.MappingNode):
        seq = next(
            (v for k, v in node.value if getattr(k, "value", None) == "entries"), None
        )
    else:
        return []
    if not isinstance(seq, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in seq.value]


class Glossary:
    """All entries from a set of files; later files override earlier entries with the same term."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        by_key: dict[str, Entry] = {}
        for e in entries:
            by_key[term_key(e.term)] = e
        self.entries: list[Entry] = list(by_key.values())

    def for_rule(self, rule: str) -> list[Entry]:
        return [e for e in self.entries if e.rule == rule]

    def lookup(self, text: str) -> list[Entry]:
        """Entries whose term, variant or any form has the same key as ``text``."""
        key = term_key(text)
        found = []
        for e in self.entries:
            if any(term_key(s) == key for s, _ in e.surfaces()):
                found.append(e)
        return found

    def search(self, text: str) -> list[Entry]:
        """Entries whose term contains ``text`` (for 'did you mean')."""
        key = term_key(text)
        return [e for e in self.entries if key and key in term_key(e.term)]


def bundled_files() -> list[Path]:
    from plainlint.resources import glossary_dir

    return sorted(glossary_dir().glob("*.yaml"))


def load(extra: tuple[Path, ...] = ()) -> Glossary:
    """The bundled glossary plus ``extra`` files (a project's own), cached per set of files
    as they are now: a file edited since (another size or modification time) is read again."""
    return _load(tuple((path, _stamp(path)) for path in [*bundled_files(), *extra]))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)  # load_file says why it cannot be read
    return (st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=16)
def _load(files: tuple[tuple[Path, tuple[int, int]], ...]) -> Glossary:
    entries: list[Entry] = []
    for path, _ in files:
        entries.extend(load_file(path))
    return Glossary(entries)


load.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
