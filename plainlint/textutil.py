"""Small text helpers shared by rules and metrics."""

from __future__ import annotations

import re

#: A word: letters or digits, joined by apostrophes, full stops or hyphens inside it
#: ("co-production", "don't", "£1.50" counts as one word, "e.g." as one).
WORD = re.compile(r"[£$€]?[^\W_]+(?:['\u2019.\-\u2010\u2011,][^\W_]+)*\.?", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


def and_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# Characters that must not reach a terminal or a line-based log as they are: control characters
# (a line break would split one finding into two lines; ESC starts terminal commands), the
# Unicode line and paragraph separators, bidirectional controls (which can make a name read
# backwards), and lone surrogates (bytes of a file name that are not UTF-8, which cannot be
# printed at all).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe for one line of a terminal or a log: control characters, bidirectional
    controls and undecodable bytes written as escapes (``a\\nb.md``, ``caf\\xe9.md``)."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def display_name(name: str) -> str:
    """A file name as plainlint shows and reports it: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) written as ``\\xNN``, so every output can encode it. Other
    characters stay: JSON escapes them, and line-based outputs use `printable`."""
    return _SURROGATE.sub(_escape, name) if _SURROGATE.search(name) else name
