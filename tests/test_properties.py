"""Properties that hold for any input (hypothesis), in every format plainlint reads.

For random documents built from the pieces of each format, and for real documents with random
damage (characters inserted, deleted and swapped; bytes of Word, OpenDocument and PDF files
flipped, inside the archive's XML and outside it):

- no exception escapes: a file is checked, or refused with a reason (`InputError`), and never
  reported as an internal error;
- every finding's offsets lie inside the text and ``source[offset:end_offset]`` is its
  ``text``; line and column agree with the offsets (`tests.conftest.assert_positions`);
- checking the same input twice gives the same result, and a folder of random files gives the
  same JSON report byte for byte with ``--jobs 1`` and ``--jobs 2``, with the cache off, cold
  and warm.

Every rule runs (spaCy included). Example counts are modest and the runs are derandomised with
no example database, so CI sees the same examples every time.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainlint.api import check_paths, check_text
from plainlint.source import InputError
from tests.conftest import assert_positions
from tests.hostile import assert_clean, plainlint

PROPERTY = settings(derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = [
    "stakeholders", "co-production", "going forward", "utilise", "prior to", "in order to",
    "service users", "the elderly", "was decided by the panel", "We will", "residents",
    "helped", "were given support", "empower", "e.g.", "Mr. Smith.", "caf\u00e9", "\u00a31.50",
    "\U0001f600", "\u2018quoted\u2019", "co\u2011design", "leverage synergies", "x", ".",
    ",", ";", "and/or", "ASAP", "BUDGET", "the council will", "deliver", "a", "an", "the",
]
SPACES = [" ", " ", "  ", "\t", "\u00a0", "\n", "\r\n", "\r", "\n\n", "\u2028"]

MARKDOWN_PIECES = [
    "# ", "## ", "> ", "- ", "* ", "1. ", "   ", "```\n", "~~~", "`", "**", "_", "[", "](",
    ")", "![", "| a | b |\n|---|---|\n| ", " | ", "<b>", "</b>", "<!-- ", " -->", "\\",
    "&amp;", "&#x2014;", "<http://x.y>", "[^1]", "[^1]: ", "---\n", "<div>\n", "</div>\n",
    "<!-- plainlint-disable jargon -->", "<!-- plainlint-enable -->",
]
HTML_PIECES = [
    "<p>", "</p>", "<h1>", "</h1>", "<ul><li>", "</li></ul>", "<table><tr><td>", "</td><td>",
    "</td></tr></table>", "<br>", "<b>", "</b>", "<a href='x'>", "</a>", "<img alt='", "'>",
    "<!--", "-->", "<script>", "</script>", "<style>", "</style>", "&amp;", "&nbsp;", "&#8212;",
    "&bogus;", "&#99999999;", "<", ">", "<div", "<title>", "</title>", "<pre>", "</pre>",
    "<meta charset='utf-8'>", "<![CDATA[", "]]>", "<!DOCTYPE html>",
]
TEXT_PIECES = ["\n\n", "- ", "1) ", "WORDS IN CAPITALS ", "Dear Resident,\n"]
# Template syntax, attribute lists, admonitions and invisible characters, in every text format
# (plainlint.formats.templates): whole, and in halves that leave things unclosed.
TEMPLATE_PIECES = [
    "{{ ", " }}", "{% if x %}", "{%", "%}", "{# ", " #}", "{: .a}", "{{< x >}}", "{{ f({a: 1}) }}",
    '!!! note "T"\n    ', ":::tip\n", "{% raw %}", "{% endraw %}", "\u200b", "\u00ad", "\u200d",
    '"', "(",
]

MARKDOWN_SEED = """# Our plan for short breaks

Going forward, we will work with stakeholders to co-produce the service.

> Carers told us they were not listened to. Decisions were made by the panel.

- Utilise the community hall prior to the meeting
- Residents **were given** support in order to apply

| Ward | Service users |
|---|---|
| North | The elderly were supported by staff |

```python
stakeholders = 1  # code is never checked
```

See [our stakeholder page](https://example.org/stakeholders) and the footnote.[^1]

[^1]: The framework will leverage synergies across the system.
"""

HTML_SEED = """<!DOCTYPE html><html><head><title>Stakeholder update</title>
<style>p { color: red }</style></head><body>
<h1>Going forward</h1>
<p>We will utilise the hall prior to the meeting with stakeholders &amp; partners.</p>
<!-- a comment about stakeholders -->
<ul><li>Service users were given support by the team.</li><li>co&#8209;production</li></ul>
<table><tr><td>The elderly</td><td>were helped</td></tr></table>
<img alt="stakeholders meeting" src="a.png"><script>var stakeholders = 1;</script>
</body></html>
"""

TEXT_SEED = """Dear resident,

Going forward, the council will leverage synergies with stakeholders. Service users were
given support by the team in order to apply prior to the deadline.
"""

SEEDS = {"markdown": MARKDOWN_SEED, "html": HTML_SEED, "text": TEXT_SEED}
#: A file name suffix for each format.
SUFFIXES = {"markdown": "md", "html": "html", "text": "txt"}
PIECES = {"markdown": MARKDOWN_PIECES + TEMPLATE_PIECES, "html": HTML_PIECES + TEMPLATE_PIECES,
          "text": TEXT_PIECES + TEMPLATE_PIECES}


def documents(fmt: str) -> st.SearchStrategy[str]:
    """Random documents of one format: its structural pieces, words and white space."""
    piece = st.one_of(st.sampled_from(PIECES[fmt]), st.sampled_from(WORDS),
                      st.sampled_from(SPACES), st.text(max_size=3))
    return st.lists(piece, min_size=5, max_size=80).map("".join)


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    """A real document with up to 8 random edits: characters inserted, deleted, replaced,
    or a stretch moved elsewhere."""
    text = seed
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
        if op == "insert":
            text = text[:i] + draw(st.one_of(st.text(max_size=4), st.sampled_from(
                MARKDOWN_PIECES + HTML_PIECES + SPACES))) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 20)):]
        elif op == "replace":
            text = text[:i] + draw(st.characters()) + text[i + 1:]
        else:
            j = draw(st.integers(0, len(text)))
            a, b = sorted((i, j))
            chunk = text[a:b][:40]
            text = text[:a] + text[a + len(chunk):]
            k = draw(st.integers(0, len(text)))
            text = text[:k] + chunk + text[k:]
    return text


def check_twice(text: str, fmt: str) -> None:
    """No exception but `InputError`; exact positions; the same result the second time."""
    try:
        first = check_text(text, fmt)
    except InputError:
        return
    assert_positions(text, first.findings)
    second = check_text(text, fmt)
    assert second.findings == first.findings
    assert second.metrics == first.metrics


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_random_documents(fmt: str) -> None:
    @settings(PROPERTY, max_examples=40)
    @given(documents(fmt))
    def run(text: str) -> None:
        check_twice(text, fmt)

    run()


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_mutated_real_documents(fmt: str) -> None:
    @settings(PROPERTY, max_examples=30)
    @given(mutated(SEEDS[fmt]))
    def run(text: str) -> None:
        check_twice(text, fmt)

    run()


# -- Word, OpenDocument and PDF ------------------------------------------------------------------


def _flip_bytes(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for pos, value in edits:
        out[pos % len(out)] = value
    return bytes(out)


def _mutate_entry(data: bytes, entry_suffix: str, edits: list[tuple[int, int]]) -> bytes:
    """Flip bytes inside one XML entry of a zip document, and zip it again (so the damage
    reaches the XML reader, not just the zip reader)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(entry_suffix):
                body = _flip_bytes(body, edits)
            dst.writestr(info, body)
    return out.getvalue()


def _check_file(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    result = check_paths([str(path)])
    for error in result.errors:
        assert "internal error" not in error.message, error.message
    for r in result.files:
        assert r.text is not None
        assert_positions(r.text, r.findings)


EDITS = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1,
                 max_size=6)


@pytest.mark.parametrize("kind", ["docx", "odt", "pdf"])
def test_damaged_word_opendocument_and_pdf_files(kind: str, report_files: dict[str, Path],
                                                 word_report: Path,
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    folder = tmp_path_factory.mktemp(f"damaged-{kind}")
    originals = [report_files[kind].read_bytes()]
    if kind == "docx":
        originals.append(word_report.read_bytes())
    entry = {"docx": "document.xml", "odt": "content.xml"}.get(kind)

    @settings(PROPERTY, max_examples=15)
    @given(st.integers(0, len(originals) - 1), EDITS, st.booleans())
    def run(which: int, edits: list[tuple[int, int]], inside: bool) -> None:
        original = originals[which]
        data = (_mutate_entry(original, entry, edits) if inside and entry
                else _flip_bytes(original, edits))
        _check_file(folder, f"damaged.{kind}", data)

    run()


# -- the same results however the work is shared out ---------------------------------------------


@st.composite
def folders(draw: st.DrawFn) -> dict[str, str]:
    """A handful of random and damaged documents in the three text formats."""
    files: dict[str, str] = {}
    for i, fmt in enumerate(["markdown", "html", "text"] * 2):
        strategy = mutated(SEEDS[fmt]) if i % 2 else documents(fmt)
        files[f"doc{i}.{SUFFIXES[fmt]}"] = draw(strategy)
    return files


def test_the_same_report_with_any_jobs_and_cache(tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    """One JSON report, byte for byte: one process without the cache, two worker processes
    without it, two with a cold cache, one answered from the warm cache (by the run's
    manifest), and one answered by the results cache once the manifest is gone."""
    runs = [["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"],
            ["--jobs", "2"], ["--jobs", "1"]]

    @settings(PROPERTY, max_examples=2)
    @given(folders())
    def run(files: dict[str, str]) -> None:
        folder = tmp_path_factory.mktemp("jobs")
        for name, text in files.items():
            (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))

        def report(options: list[str]) -> str:
            done = plainlint(["check", "--format", "json", *options, *sorted(files)], folder)
            assert_clean(done)
            assert done.returncode in (0, 1, 2), done.stderr
            return done.stdout

        reports = [report(options) for options in runs]
        shutil.rmtree(folder / ".plainlint_cache" / "runs")
        reports.append(report(["--jobs", "1"]))
        assert all(r == reports[0] for r in reports[1:])
        assert (folder / ".plainlint_cache").is_dir()

    run()


def test_an_edited_document_checked_with_its_last_facts_gives_a_fresh_report(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """A document checked, edited at random, and checked again with the facts its first
    check kept (`plainlint.cache.FactStore`) gives what a check without any cache gives:
    every finding with its fix, every measure."""
    from plainlint.api import Checker
    from plainlint.cache import ResultCache

    def report(checker: Checker, path: Path) -> tuple[object, ...]:
        run = checker.run([str(path)])
        return (run.errors, [(f.findings, f.metrics, f.warnings) for f in run.files])

    @settings(PROPERTY, max_examples=25)
    @given(st.sampled_from(["markdown", "html", "text"]).flatmap(
        lambda fmt: st.tuples(st.just(fmt), mutated(SEEDS[fmt]), mutated(SEEDS[fmt]))))
    def run(case: tuple[str, str, str]) -> None:
        fmt, before, after = case
        folder = tmp_path_factory.mktemp("facts")
        path = folder / f"doc.{SUFFIXES[fmt]}"
        path.write_bytes(before.encode("utf-8", "surrogatepass"))
        Checker(cache=ResultCache(folder / "cache")).run([str(path)])
        path.write_bytes(after.encode("utf-8", "surrogatepass"))
        warm = report(Checker(cache=ResultCache(folder / "cache")), path)
        assert warm == report(Checker(), path)

    run()
