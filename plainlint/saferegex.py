"""Refusing regular expressions that could take exponential time on some text.

Python's `re` backtracks: a pattern such as ``(\\w+\\s?)*$`` or ``(a|a)+`` tries every way of
splitting a run of text among its repetitions before it gives up, and on a line of a few dozen
characters that takes longer than anyone waits. plainlint runs rule patterns over whatever
people commit, so a rule's pattern is checked when the rule is loaded, and refused with the
reason when it has either shape that causes this:

- a repetition inside a repetition (``(a+)+``, ``(?:\\w+\\s?)*``): "star height" above one;
- a repeated choice whose alternatives can start with the same character, or be empty
  (``(a|ab)*``, ``(x|\\w)+``).

The check is deliberately simple and errs on the side of refusing: a refused pattern can
always be written without the nesting, or with a possessive quantifier (``a++``) or an atomic
group (``(?>...)``), which never backtrack. Glossary terms are not regular expressions and
cannot have either shape (see `plainlint.termmatch`).
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT}
_SAFE = {getattr(C, "POSSESSIVE_REPEAT", None), getattr(C, "ATOMIC_GROUP", None)} - {None}
_ANYTHING = None  # a first-character set we cannot tell: it may overlap any other


def problem(pattern: str) -> str | None:
    """Why ``pattern`` could backtrack catastrophically, or None when it cannot."""
    try:
        parsed = parser.parse(pattern)
    except Exception:  # re.error: the caller compiles the pattern and reports that
        return None
    return _walk(list(parsed), 0)


def _walk(items: list[Any], height: int) -> str | None:
    for op, av in items:
        if op in _SAFE:
            continue
        if op in _REPEATS:
            _low, high, body = av
            if high > 1:
                if height >= 1:
                    return ("it repeats a group that itself holds a repetition, such as (a+)+; "
                            "write it without the nesting, or use a possessive quantifier (a++)")
                body = list(body)
                if _overlapping_choice(body):
                    return ("it repeats a choice whose alternatives can match the same text, "
                            "such as (a|ab)*; make the alternatives start differently")
                found = _walk(body, height + 1)
            else:
                found = _walk(list(body), height)
        elif op == C.SUBPATTERN:
            found = _walk(list(av[-1]), height)
        elif op == C.BRANCH:
            found = next((r for alt in av[1] if (r := _walk(list(alt), height))), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _walk(list(av[1]), height)
        elif op == C.GROUPREF_EXISTS:
            found = next((r for alt in av[1:] if alt and (r := _walk(list(alt), height))), None)
        else:
            found = None
        if found:
            return found
    return None


def _overlapping_choice(items: list[Any]) -> bool:
    """Does ``items`` hold, outside any nested repetition, a choice with alternatives that
    could start alike?"""
    for op, av in items:
        if op == C.BRANCH:
            firsts = [_first(list(alt)) for alt in av[1]]
            for i, a in enumerate(firsts):
                for b in firsts[i + 1:]:
                    if a is _ANYTHING or b is _ANYTHING or a & b:
                        return True
        elif op == C.SUBPATTERN and _overlapping_choice(list(av[-1])):
            return True
    return False


def _first(items: list[Any]) -> frozenset[int] | None:
    """Characters the sequence ``items`` can start with (None: cannot tell, or it can match
    nothing at all)."""
    out: set[int] = set()
    for op, av in items:
        if op == C.AT:
            continue  # anchors and word boundaries take no character
        if op == C.LITERAL:
            return frozenset(out | _cases(av))
        if op == C.IN:
            chars: set[int] = set()
            for kind, value in av:
                if kind == C.LITERAL:
                    chars |= _cases(value)
                elif kind == C.RANGE and value[1] - value[0] < 512:
                    for c in range(value[0], value[1] + 1):
                        chars |= _cases(c)
                else:  # a category (\w, \s), a negation, a wide range
                    return _ANYTHING
            return frozenset(out | chars)
        if op == C.SUBPATTERN:
            inner = _first(list(av[-1]))
            if inner is _ANYTHING:
                return _ANYTHING
            return frozenset(out | inner)
        if op in _REPEATS and av[0] >= 1:
            inner = _first(list(av[2]))
            return _ANYTHING if inner is _ANYTHING else frozenset(out | inner)
        return _ANYTHING  # optional parts, choices, any character: assume the worst
    return _ANYTHING  # an empty alternative matches where any other does


def _cases(code: int) -> set[int]:
    ch = chr(code)
    return {ord(c) for c in (ch, ch.lower(), ch.upper()) if len(c) == 1}
