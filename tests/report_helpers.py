"""Documents and results for the HTML report tests.

`rich_result` checks a real council-style page, written so that every built-in rule finds
something in it, and a short letter, with the real pipeline: real findings (sentence-level ones
overlapping word-level ones) and the real readability and framing measures.

`documented_result` is the same run with the measures replaced by fixed ones in the documented
shapes (docs/json-format.md), for tests that pin exact figures in the view model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plainlint.api import Checker
from plainlint.engine import Selection
from plainlint.model import RunResult

RICH = """\
# Getting care and support at home

Northfield Council works with residents, carers and local groups to help people stay
independent at home.

## Our approach

Going forward, we will co-produce an asset-based model of support with key stakeholders, in
order to deliver better outcomes for service users and their carers, and we will utilise our
commissioning strategy to work across the piece with partners, e.g. the NHS, to drive
transformation in every neighbourhood of the borough. Eligibility for discretionary support \
is determined by reference to individual circumstances. Contributions are reviewed annually, \
and any variation in circumstances must be notified promptly.

<!-- plainlint-disable-next-line latin -- nothing to silence here -->
We know that the elderly can be hard to reach, so we will signpost them to the right services.

## Asking for support

You can ask for a needs assessment if you need help with everyday tasks.

- Phone us on 0300 123 4567 (Monday to Friday, 9am to 5pm)
- Fill in the [online form](https://www.northfield.example.gov.uk/care/ask)

| What you get | Who pays |
|---|---|
| Reablement for up to 6 weeks | Free for everyone |

Prior to your assessment, a member of staff will telephone you. KEEP YOUR LETTER SAFE.

## Have your say

Parents and carers co-designed our new short breaks offer with us. You choose how your budget
is spent.

## What happens next

PLEASE NOTE: we will make a decision about your support within 28 days. Your EHCP will be
reviewed every year. You can bring a friend and/or a carer to the meeting. Residents will be
assessed before a place is allocated. We provide support to carers and their families. Failure
to attend will result in your case being closed.
"""


def readability_metric(text: str) -> dict[str, Any]:
    def line(heading: str) -> int:
        return text.count("\n", 0, text.index(heading)) + 1

    return {
        "words": 214, "sentences": 11, "avg_sentence_words": 19.5,
        "flesch_reading_ease": 48.3, "flesch_kincaid_grade": 9.8, "reading_age": 14.8,
        "smog": 11.9, "gunning_fog": 13.1, "coleman_liau": 11.0, "ari": 10.4, "dale_chall": 8.7,
        "long_sentence_limit": 25, "long_sentence_share": 0.18,
        "passive_share": 0.09, "complex_word_share": 0.16,
        "targets": {"reading_age": 11, "flesch_reading_ease": 60, "passive_share": 0.04,
                    "long_sentence_share": 0.05},
        "too_short": False, "note": None,
        "sections": [
            {"title": "Getting care and support at home", "level": 1,
             "line": line("# Getting care"), "words": 20, "sentences": 1,
             "flesch_reading_ease": 55.0, "flesch_kincaid_grade": 8.1, "reading_age": 13.1,
             "long_sentence_share": 0.0, "passive_share": 0.0, "complex_word_share": 0.1},
            {"title": "Our approach", "level": 2, "line": line("## Our approach"),
             "words": 80, "sentences": 3, "flesch_reading_ease": 21.5,
             "flesch_kincaid_grade": 16.2, "reading_age": 21.2, "long_sentence_share": 0.67,
             "passive_share": 0.0, "complex_word_share": 0.3},
            {"title": "Asking for support", "level": 2, "line": line("## Asking for support"),
             "words": 60, "sentences": 5, "flesch_reading_ease": 71.0,
             "flesch_kincaid_grade": 5.2, "reading_age": 10.2, "long_sentence_share": 0.0,
             "passive_share": 0.2, "complex_word_share": 0.1},
            {"title": "Have your say", "level": 2, "line": line("## Have your say"),
             "words": 22, "sentences": 2, "flesch_reading_ease": 75.2,
             "flesch_kincaid_grade": 4.4, "reading_age": 9.4, "long_sentence_share": 0.0,
             "passive_share": 0.5, "complex_word_share": 0.05},
        ],
    }


FRAMING = {
    "counts": {"to": 2, "for": 3, "together": 2, "neutral": 6},
    "shares": {"to": 0.154, "for": 0.231, "together": 0.154, "neutral": 0.461},
    "ladder": {"step": 4, "name": "consultation",
               "reason": "Some sentences involve people, but most tell them what the council "
                         "does for them."},
    "examples": {
        "to": {"text": "We will signpost them to the right services.", "line": 14},
        "for": {"text": "Deliver better outcomes for service users.", "line": 9},
        "together": {"text": "Parents and carers co-designed our new short breaks offer with us.",
                     "line": 30},
    },
}


def rich_result(folder: Path) -> RunResult:
    """A real run over the rich page (every rule finds something) and a plain text letter."""
    page = folder / "adult-social-care.md"
    page.write_text(RICH, encoding="utf-8")
    letter = folder / "council-tax-letter.txt"
    letter.write_text(
        "Dear resident\n\nPrior to the end of the month, you must utilise the enclosed form\n"
        "in order to pay. Failure to pay will result in enforcement action.\n",
        encoding="utf-8",
    )
    checker = Checker(Selection(report_unused_suppressions=True), keep_documents=True)
    result = checker.run([str(page), str(letter)])
    assert not result.errors, result.errors
    return result


def documented_result(folder: Path) -> RunResult:
    """`rich_result`, with the page's measures replaced by fixed ones in the documented shapes."""
    result = rich_result(folder)
    doc = result.files[0]
    doc.metrics["readability"] = readability_metric(RICH)
    doc.metrics["framing"] = FRAMING
    return result


HOSTILE_MD = """\
# Report <script>alert("heading")</script>

Our stakeholders said <img src=x onerror="alert('img')"> and
<a href="javascript:alert('link')">click here</a> or [this](javascript:alert('md')).

Template syntax {{ 7 * 7 }} and {% if true %}yes{% endif %} stay as text; so does &lt;b&gt;.

"><svg onload=alert('svg')> </textarea></style></script> <iframe src="https://example.com/x">
"""

HOSTILE_TXT = """\
<script>alert("txt")</script> Our stakeholders <img src=x onerror=alert('txt-img')>

{{ config }} {{ 7 * 7 }} javascript:alert('txt-link') <link rel=stylesheet href=https://example.com/a.css>

<style>body { background: url(https://example.com/track.png) }</style> We will utilise it.
"""

HOSTILE_HTML = """\
<!DOCTYPE html><html><head><title>Bins <script>alert(1)</script></title>
<script>alert("real script")</script></head><body>
<h1>Bin collections &lt;script&gt;alert('entity')&lt;/script&gt;</h1>
<p>We will engage stakeholders <img alt="<img src=x onerror=alert('alt')>" src="x.png"> soon.</p>
<p title="&quot;><script>alert('title')</script>">Going forward {{ 7*7 }} we will utilise bins.</p>
</body></html>
"""

#: A file name that is itself hostile (allowed on Linux): it appears in titles and the index.
HOSTILE_NAME = "<img src=x onerror=alert('name')>.md"
