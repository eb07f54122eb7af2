"""`plainlint fix` over labelled council sentences, every safe glossary swap and every rule's
examples: the right words, a second run that changes nothing, no new finding of a fixed rule,
and a `--diff` that real `git apply` turns into the same file."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from plainlint import glossary as glossary_mod
from plainlint.api import Checker
from plainlint.config import Config
from plainlint.document import Source
from plainlint.engine import Selection, resolve
from plainlint.fixer import Fixer
from plainlint.kinds.substitution import Substitution, self_flagging
from plainlint.model import Applicability
from plainlint.rules import builtin
from tests.conftest import REPO, write

CASES: list[dict[str, Any]] = yaml.safe_load(
    (REPO / "tests/data/fix-cases.yaml").read_text(encoding="utf-8"))["cases"]
EXT = {"text": ".txt", "markdown": ".md", "html": ".html"}


def _case_id(case: dict[str, Any]) -> str:
    return case["text"][:40]


def _setup(tmp_path: Path, case: dict[str, Any]) -> Path:
    path = write(tmp_path / ("doc" + EXT[case.get("format", "text")]), case["text"])
    if case.get("glossary"):
        entries = {"rule": "plain-words", "entries": case["glossary"]}
        (tmp_path / "terms.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
        (tmp_path / "plainlint.toml").write_text('glossary = ["terms.yaml"]\n', encoding="utf-8")
    return path


def _found(path: Path) -> Counter[str]:
    """Findings per rule in a file, as `plainlint check` reports them."""
    result = Checker().run([str(path)])
    return Counter(f.rule for f in result.findings)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_fix_case(case: dict[str, Any], cli, tmp_path: Path) -> None:
    path = _setup(tmp_path, case)
    unsafe = ["--unsafe-fixes"] if case.get("unsafe") else []

    # --diff writes nothing, and real git applies its diff to give the same text as fix.
    preview = cli("fix", "--diff", *unsafe, path.name)
    assert preview.exit_code in (0, 1), preview.stderr
    assert path.read_bytes().decode("utf-8") == case["text"]
    if case["fixed"] != case["text"]:
        patch = tmp_path / "change.patch"
        patch.write_text(preview.stdout, encoding="utf-8")
        subprocess.run(["git", "apply", "--unsafe-paths", "-p1", str(patch)], cwd=tmp_path,
                       check=True, capture_output=True)
        assert path.read_bytes().decode("utf-8") == case["fixed"]
        path.write_bytes(case["text"].encode("utf-8"))
    else:
        assert preview.stdout == ""

    found_before = _found(path)
    r = cli("fix", "--verbose", *unsafe, path.name)
    assert r.exit_code in (0, 1), r.stderr
    assert path.read_bytes().decode("utf-8") == case["fixed"]
    left = [line for line in r.stdout.splitlines() if " not fixed " in line]
    for reason in case.get("left", []):
        assert any(reason in line for line in left), (reason, left)

    # No new finding of a rule that was fixed: what is left is what was there, less the fixes.
    fixed = Counter(line.split("[", 1)[1].split("]", 1)[0]
                    for line in r.stdout.splitlines() if ": fixed " in line)
    found_after = _found(path)
    for rule, n in fixed.items():
        assert found_after[rule] == found_before[rule] - n, rule

    # A second run changes nothing.
    again = cli("fix", *unsafe, path.name)
    assert path.read_bytes().decode("utf-8") == case["fixed"]
    assert "Nothing to fix" in again.stdout


def test_cases_cover_every_safe_swap() -> None:
    """Every `fix: safe` entry in the bundled glossary has at least one labelled case."""
    import re

    texts = " ".join(c["text"] for c in CASES).lower()
    safe = [e for e in glossary_mod.load().entries if e.fix is Applicability.SAFE]
    missing = [e.term for e in safe
               if not any(re.search(re.escape(s.lower()), texts) for s, _ in e.surfaces())]
    assert not missing


# -- every safe swap in the glossary, over its own examples --------------------------------------

SAFE_ENTRIES = [e for e in glossary_mod.load().entries if e.fix is Applicability.SAFE]


def _safe_examples():  # type: ignore[no-untyped-def]
    for e in SAFE_ENTRIES:
        for i, text in enumerate(e.examples.trigger):
            yield pytest.param(e, text, id=f"{e.rule}:{e.term}-{i}")


@pytest.mark.parametrize(("entry", "text"), list(_safe_examples()))
def test_safe_swap_on_its_examples(entry, text) -> None:  # type: ignore[no-untyped-def]
    """Each safe entry's trigger examples: fixed, stable, and no new finding of its rule."""
    settings = resolve(Config(), builtin(), None, Selection(select=(entry.rule,)))
    fixer = Fixer(Checker(), write=False)
    first = fixer.fix_source(Source("x.txt", text), "text", settings)
    mine = [a for a in first.applied if a.rule == entry.rule]
    assert mine, f"{entry.term!r} not fixed in {text!r}: {[n.reason for n in first.not_applied]}"
    assert entry.term not in {n.finding.term for n in first.not_applied}
    assert first.result is not None
    before = fixer.fix_source(Source("x.txt", text), "text", settings)
    assert before.text == first.text  # the same every time
    second = fixer.fix_source(Source("x.txt", first.text), "text", settings)
    assert second.text == first.text, "a second run changed the text"
    assert not second.applied
    # Findings of the rule after the fix are exactly those the fix left alone.
    assert len(second.not_applied) == len(first.not_applied)


# -- every rule's examples ----------------------------------------------------------------------

RULES = list(builtin())


def _rule_examples():  # type: ignore[no-untyped-def]
    for rule in RULES:
        for i, ex in enumerate(rule.trigger):
            yield pytest.param(rule, ex, id=f"{rule.id}-{i}")


@pytest.mark.parametrize(("rule", "example"), list(_rule_examples()))
def test_fix_on_rule_examples(rule, example) -> None:  # type: ignore[no-untyped-def]
    """Fixing a rule's trigger examples (safe and unsafe fixes alike) never adds a finding of
    that rule, and a second run changes nothing."""
    settings = resolve(Config(), builtin(), None,
                       Selection(select=(rule.id, *example.with_rules)))
    for unsafe in (False, True):
        fixer = Fixer(Checker(), unsafe=unsafe, write=False)
        first = fixer.fix_source(Source("x", example.text), example.format, settings)
        n_before = sum(1 for n in first.not_applied) + len(first.applied)
        assert first.result is not None
        assert len(first.result.findings) == n_before - len(first.applied)
        second = fixer.fix_source(Source("x", first.text), example.format, settings)
        assert second.text == first.text and not second.applied


def test_no_bundled_safe_swap_flags_itself() -> None:
    """A safe swap whose replacement its own rule would flag is downgraded to unsafe; the
    bundled glossary must have none, or `plainlint fix` would silently skip it."""
    g = glossary_mod.load()
    for rule in RULES:
        if isinstance(rule.impl, Substitution):
            assert self_flagging(rule.impl.matcher(g)) == frozenset(), rule.id


def test_every_safe_swap_and_form_is_stable() -> None:
    """Each form of each safe term (utilises, utilised, utilising ...) in a plain sentence is
    fixed once and then left alone."""
    settings = resolve(Config(), builtin(), None, Selection())
    fixer = Fixer(Checker(), write=False)
    checked = 0
    for e in SAFE_ENTRIES:
        for surface, _form in e.surfaces():
            text = f"Then {surface} it today."
            first = fixer.fix_source(Source("x.txt", text), "text", settings)
            second = fixer.fix_source(Source("x.txt", first.text), "text", settings)
            assert second.text == first.text, (surface, first.text, second.text)
            assert not second.applied
            checked += 1
    assert checked > len(SAFE_ENTRIES)


def test_a_replacement_that_does_not_fit_becomes_advice() -> None:
    """The check, the JSON and Word comments read the same suggestions: one that does not
    read right in its sentence is no longer a replacement, and says why."""
    from tests.conftest import lint

    [f] = [f for f in lint("The service user forum meets in June.\n").findings
           if f.text == "service user"]
    assert all(s.replacement is None for s in f.suggestions)
    assert f.fix is None and "cannot stand before “forum”" in f.no_fix
    assert "forum" in f.data["does_not_fit"]
    # The same words where they fit keep their replacement.
    [g] = [g for g in lint("We wrote to every service user in June.\n").findings
           if g.text == "service user"]
    assert any(s.replacement for s in g.suggestions)
