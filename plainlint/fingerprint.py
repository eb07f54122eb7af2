"""Finding fingerprints: an identity for a finding that survives edits elsewhere in its file.

A fingerprint is a hash of four things, none of them a line number:

- the rule id;
- the flagged text, normalised: case-folded, with only its words kept (``Co-**production**`` and
  ``co-production`` are the same);
- its context: up to four words either side, normalised the same way, taken from the same
  paragraph, list item, heading or table cell (markup, link targets and URLs left out), so
  re-wrapping a paragraph or editing another paragraph does not change it;
- an occurrence number, for the rare finding whose rule, text and context all repeat in the
  same file (the second copy of a repeated sentence).

Adding or deleting lines above a finding leaves its fingerprint alone; rewording the words right
around it changes it, which is what a reviewer would call a new problem. Baselines
(`plainlint baseline`), SARIF ``partialFingerprints`` and GitLab fingerprints use it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from plainlint.model import FileResult, Finding

VERSION = "v1"
CONTEXT_WORDS = 4
_WINDOW = 400  # characters looked at on each side before cutting at a block boundary

_WORD = re.compile(r"\w+")
_BLOCK_TAGS = (
    "p|li|h[1-6]|td|th|tr|div|section|article|blockquote|ul|ol|dl|dt|dd|table|caption|"
    "figcaption|title|header|footer|main|nav|aside|br|hr|pre"
)
# Where a paragraph, list item, heading, table cell or HTML block starts or ends.
_BOUNDARY = re.compile(
    r"\n[ \t]*\n"  # a blank line
    r"|\n[ \t]*(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)[ \t]"  # a new list item, heading or quote line
    r"|\||"  # a table cell
    rf"</?(?:{_BLOCK_TAGS})\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>]*>")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"(?:https?|ftp|mailto):\S+|www\.\S+", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def words(text: str) -> list[str]:
    """The words of a text, case-folded."""
    return _WORD.findall(text.casefold())


def normalise(text: str) -> str:
    """Case-folded words joined by single spaces; the stripped text when it has no words."""
    return " ".join(words(text)) or " ".join(text.split())


def _prose(text: str) -> str:
    text = _LINK_TARGET.sub("]", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    return _ENTITY.sub(" ", text)


def context(source: str, start: int, end: int) -> str:
    """The words around ``source[start:end]`` within its block: ``before … | … after``."""
    left = source[max(0, start - _WINDOW) : start]
    cuts = list(_BOUNDARY.finditer(left))
    if cuts:
        left = left[cuts[-1].end() :]
    elif start > _WINDOW:
        # The window may begin inside a tag or word: drop up to the first break.
        left = re.sub(r"^[^\s>]*>?", "", left, count=1)
    left = re.sub(r"^[^<]*>", "", left, count=1)  # the end of a tag cut by the window
    right = source[end : end + _WINDOW]
    cut = _BOUNDARY.search(right)
    if cut:
        right = right[: cut.start()]
    right = re.sub(r"<[^>]*$", "", right)  # the start of a tag cut by the window
    before = words(_prose(left))[-CONTEXT_WORDS:]
    after = words(_prose(right))[:CONTEXT_WORDS]
    return " ".join(before) + " | " + " ".join(after)


@dataclass(frozen=True)
class Identity:
    """What a fingerprint is made of, kept readable for baseline files."""

    rule: str
    text: str
    context: str
    occurrence: int

    @property
    def fingerprint(self) -> str:
        key = "\n".join((VERSION, self.rule, self.text, self.context, str(self.occurrence)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def identities(file: FileResult) -> list[Identity]:
    """One identity per finding of a file, in the order of ``file.findings``.

    Without the file's text (a result built by hand), the context is left empty and
    fingerprints rest on the rule, the text and the occurrence.
    """
    source = file.text
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in sorted(file.findings, key=_order):
        text = normalise(f.text)
        ctx = _context_for(source, f)
        key = (f.rule, text, ctx)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append((id(f), Identity(f.rule, text, ctx, n)))
    by_id = dict(out)
    return [by_id[id(f)] for f in file.findings]


def fingerprints(file: FileResult) -> list[str]:
    """The fingerprint of each finding of a file, in the order of ``file.findings``."""
    return [i.fingerprint for i in identities(file)]


def _order(f: Finding) -> tuple[int, int, str]:
    return (f.offset, f.end_offset, f.rule)


def _context_for(source: str | None, f: Finding) -> str:
    if source is None or not (0 <= f.offset <= f.end_offset <= len(source)):
        return ""
    if source[f.offset : f.end_offset] != f.text:
        return ""
    return context(source, f.offset, f.end_offset)
