"""Which edit a finding's suggestion makes: the `Fix` that `plainlint fix` would apply.

The engine calls `plan` for every finding. A finding gets a fix only when its replacement can
go into the source without harming it:

- it is the finding's single safe replacement (or, for ``--unsafe-fixes``, its first
  replacement, marked unsafe); advice ("name the group") is never applied;
- the flagged words are not split by markup (``in <em>order</em> to``, a quote marker on the
  next line); character references and plain line breaks inside them are fine;
- the words around it still read as English: "a"/"an" before it follows the sound of the new
  word ("an utilised" -> "a used", "a hostel" -> "an overnight shelter"), and a replacement that
  cannot follow "a"/"an" at all ("a sufficient number" -> "enough") or a two-word verb before a
  pronoun ("ascertain it" -> "find out it") is left to the writer;
- the replacement is escaped for the format (``&`` in HTML, ``*`` in Markdown), and a line
  break inside the flagged words is kept inside the replacement.

Inflection and capitalisation are already in the suggestion (see `plainlint.glossary`). When no
fix is possible, `plan` says why in plain words; `plainlint fix` lists that reason.
"""

from __future__ import annotations

import html
import re

from plainlint.document import MASK, Block, Document
from plainlint.model import Applicability, Finding, Fix, Hit

# -- reasons ------------------------------------------------------------------------------------

NO_SUGGESTION = "no replacement to make: rewrite it by hand"
ADVICE = "the suggestion is advice ({advice}): rewrite it by hand"
SEVERAL_SAFE = "more than one safe replacement: choose one by hand"
MARKUP = "the words are split by markup (emphasis, a link, a quote marker): change them by hand"
ARTICLE_UNSURE = "not sure whether “{word}” needs “a” or “an” before it: change it by hand"
NO_ARTICLE = "“{article} {word}” would not be English: rewrite it by hand"
PRONOUN = "“{replacement} {pronoun}” would not read well: rewrite it by hand"
HYPHENATED = "it is part of the hyphenated word “{word}”: change it by hand"
REPEATED = "“{words}” would repeat a word: rewrite it by hand"
PREPOSITIONS = "“{words}” would not read well: rewrite it by hand"
FULL_STOP = ("not sure whether the full stop of “{text}” also ends the sentence: "
             "change it by hand")
DOES_NOT_FIT = "“{replacement}” does not fit before “{word}”: rewrite it by hand"

#: Words that never follow "a" or "an": replacing "sufficient" in "a sufficient number" with
#: "enough" needs a person, not an edit.
_NO_ARTICLE_WORDS = frozenset([
    "about", "among", "any", "around", "as", "because", "before", "by", "each", "enough",
    "every", "for", "from", "her", "his", "if", "instead", "its", "many", "much", "my", "now",
    "our", "several", "since", "some", "soon", "than", "that", "the", "their", "these", "this",
    "those", "to", "until", "while", "with", "within", "without", "your",
])
#: Particles that end two-word verbs (find out, set up): an object pronoun goes before them.
_PARTICLES = frozenset(["out", "up", "off", "down", "back", "away", "over"])
_OBJECT_PRONOUNS = frozenset(["it", "them", "him", "us", "me"])
#: Prepositions and particles: a replacement that ends in one is built to take what follows
#: ("pay for services", "carry out repairs"), and one cannot follow another ("talk to with").
_PREPOSITION_WORDS = frozenset([
    "about", "after", "against", "at", "by", "for", "from", "in", "into", "of", "on", "onto",
    "over", "through", "to", "towards", "with", "without", "under", "up", "out", "off", "down",
    "back", "away", "around", "across", "between", "among",
])
#: Words that start something other than a noun or an object: after them, a replacement of
#: several words is not stuck in front of a noun ("a [building on what people have] model").
_FUNCTION_WORDS = _PREPOSITION_WORDS | frozenset([
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "all", "any", "some",
    "no", "our", "your", "their", "his", "her", "its", "my", "and", "or", "but", "nor", "so",
    "if", "as", "than", "because", "when", "while", "until", "unless", "before", "since",
    "where", "which", "who", "whom", "whose", "what", "how", "why", "whether", "is", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
    "would", "can", "could", "may", "might", "must", "shall", "should", "not", "also", "then",
    "now", "too", "very", "just", "only", "even", "still", "already", "again", "here",
    "there", "i", "we", "you", "they", "he", "she", "more", "less", "most", "many", "much",
    "both", "either", "neither", "such", "other", "another", "once", "twice", "ago", "yet",
])
_DETERMINERS = frozenset([
    "a", "an", "the", "this", "that", "these", "those", "our", "your", "their", "its", "his",
    "her", "my", "each", "every", "any", "some", "no",
])
_PREVIOUS_WORD = re.compile(r"([\w'\u2019]+)[ \t\r\n\u00a0]+\Z")
_NEXT_THING = re.compile(r"[ \t\r\n\u00a0]*([\w'\u2019]+|[.,;:!?)]|\Z)")

_ARTICLE = re.compile(r"(?<![\w'\u2019&-])(an|a)([ \t\r\n\u00a0]+)\Z", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t\r\n\u00a0]+([\w'\u2019]+)")
_LINE_BREAK_RUN = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")
_HYPHENS = "-\u2010\u2011"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def plan(document: Document, block: Block, hit: Hit, finding: Finding) -> tuple[Fix | None, str]:
    """The fix for a finding, or ``None`` and the reason there is none."""
    chosen = _choose(finding)
    if isinstance(chosen, str):
        return None, chosen
    replacement, applicability = chosen
    if replacement == finding.text:
        return None, NO_SUGGESTION
    source = document.source.text
    if not _one_stretch(block, hit.start, hit.end, source):
        return None, MARKUP
    compound = _hyphenated(block.text, hit.start, hit.end)
    if compound:
        return None, HYPHENATED.format(word=compound)
    if (replacement[:1].islower() and finding.text[:1].isupper()
            and _starts_sentence(block.text, hit.start)):
        replacement = replacement[0].upper() + replacement[1:]  # NB: -> Note:
    replacement = _keep_line_break(replacement, source[finding.offset : finding.end_offset])
    stop = _abbreviation_stop(block.text, hit.end, finding.text, replacement)
    if stop is None:
        return None, FULL_STOP.format(text=finding.text)
    replacement = stop
    guard = _pronoun_guard(block.text, hit.end, replacement) or _seam_guard(
        block.text, hit.start, hit.end, replacement, applicability)
    if guard:
        return None, guard
    start, prefix = finding.offset, ""
    article = _article_change(document, block, hit, replacement)
    if isinstance(article, str):
        return None, article
    if article is not None:
        (art_start, art_end), new_article = article
        start = art_start
        prefix = new_article + source[art_end : finding.offset]
    body = _escape(replacement, document.format, block)
    fix_text = source[start : finding.end_offset]
    new_text = prefix + body
    lines = document.source.lines
    line, column = lines.position(start)
    end_line, end_column = lines.end_position(start, finding.end_offset)
    return (
        Fix(
            offset=start,
            end_offset=finding.end_offset,
            text=fix_text,
            replacement=new_text,
            applicability=applicability,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        ),
        "",
    )


def _choose(finding: Finding) -> tuple[str, Applicability] | str:
    """The replacement a fix would make and its applicability, or why there is none."""
    if not finding.suggestions:
        return NO_SUGGESTION
    safe = [s for s in finding.suggestions if s.applicability is Applicability.SAFE]
    if len(safe) > 1:
        return SEVERAL_SAFE
    if safe and safe[0].replacement:
        return safe[0].replacement, Applicability.SAFE
    first = finding.suggestions[0]
    if first.replacement is None or first.applicability is Applicability.ADVICE:
        return ADVICE.format(advice=first.text)
    if not first.replacement.strip():
        return NO_SUGGESTION
    return first.replacement, Applicability.UNSAFE


def _one_stretch(block: Block, start: int, end: int, source: str) -> bool:
    """True when the block text ``[start, end)`` can be replaced as one stretch of source.

    Every character must come from the source in order, and whatever the adapter skipped
    between two characters (a line break and its indentation, or markup) must be white space.
    Decoded references (``&amp;``) and inserted separators are fine: they are text.
    """
    m = block.map
    prev_end: int | None = None
    for i in range(start, end):
        s = m.source_start(i)
        e = m.source_end(i + 1)
        if prev_end is not None:
            if s < prev_end:
                if e <= prev_end:  # one replacement run standing for several characters
                    continue
                return False
            if source[prev_end:s].strip():
                return False
        ch = block.text[i]
        if ch == MASK or (e - s == 1 and source[s] != ch and not ch.isspace()):
            return False
        prev_end = e
    return True


def _hyphenated(text: str, start: int, end: int) -> str:
    """The whole word when the flagged words are joined by a hyphen to a word outside them
    ("to-do" in "in order to-do", "stakeholder-led"), else ''."""
    joined_after = (end + 1 < len(text) and text[end] in _HYPHENS
                    and text[end + 1].isalnum())
    joined_before = start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()
    if not (joined_after or joined_before):
        return ""

    def word_part(c: str) -> bool:
        return c.isalnum() or c in _HYPHENS

    a, b = (end, end) if joined_after else (start, start)
    while a > 0 and word_part(text[a - 1]):
        a -= 1
    while b < len(text) and word_part(text[b]):
        b += 1
    return text[a:b]


def _keep_line_break(replacement: str, original: str) -> str:
    """Keep a line break from the flagged words inside a replacement of several words."""
    m = _LINE_BREAK_RUN.search(original)
    if m is None or " " not in replacement:
        return replacement
    where = (m.start() + m.end()) / 2 / max(1, len(original))
    spaces = [i for i, c in enumerate(replacement) if c == " "]
    best = min(spaces, key=lambda i: abs(i / len(replacement) - where))
    return replacement[:best] + m.group(0) + replacement[best + 1 :]


def _pronoun_guard(text: str, end: int, replacement: str) -> str:
    words = replacement.split()
    if len(words) < 2 or words[-1].lower() not in _PARTICLES:
        return ""
    m = _NEXT_WORD.match(text, end)
    if m and m.group(1).lower() in _OBJECT_PRONOUNS:
        return PRONOUN.format(replacement=" ".join(words), pronoun=m.group(1))
    return ""


def _abbreviation_stop(text: str, end: int, old: str, replacement: str) -> str | None:
    """The replacement for an abbreviation that ends in a full stop ("et al.", "viz."): the
    stop goes with it mid-sentence ("et al. found" -> "and others found"), stays at the end of
    a paragraph ("... Khan et al." -> "... Khan and others."), and before a capital we cannot
    tell a name from a new sentence, so ``None``."""
    if not old.endswith(".") or replacement.endswith("."):
        return replacement
    rest = text[end:]
    after = rest.lstrip()
    if not after:
        return replacement + "."
    if rest[:1].isspace() and after[:1].isupper():
        return None
    return replacement


def _seam_guard(text: str, start: int, end: int, replacement: str,
                applicability: Applicability) -> str:
    """Why the replacement would not join the words around it, or ''.

    - a word repeated across the join ("the [the rest]", "[work with] with");
    - a preposition that ends the replacement followed by another ("[talk to] with the
      school", "[being open about] in"); a particle may be ("[sharing out] of costs");
    - for a replacement a person should check: several words, not ending in a preposition,
      before a noun or an object ("an [asset-based] approach" -> "a building on what people
      have approach", "[signpost] residents" -> "tell people where to get help residents").
      English puts one word, or a hyphenated one, before a noun; a verb phrase that already
      has its object cannot take another. Replacements that end in a preposition or particle
      ("pay for", "carry out") are made to take what follows.
    """
    words = replacement.split()
    if not words:
        return ""
    before = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() == words[0].lower():
        return REPEATED.format(words=f"{before.group(1)} {replacement}")
    nxt_match = _NEXT_THING.match(text, end)
    nxt = nxt_match.group(1) if nxt_match else ""
    last = words[-1].lower()
    if nxt and nxt.lower() == last:
        return REPEATED.format(words=f"{replacement} {nxt}")
    if last in _PREPOSITION_WORDS and last not in _PARTICLES and len(words) > 1 and (
            nxt.lower() in _PREPOSITION_WORDS):
        return PREPOSITIONS.format(words=f"{replacement} {nxt}")
    if (applicability is Applicability.UNSAFE and len(words) > 1
            and last not in _PREPOSITION_WORDS and nxt[:1].isalpha()
            and nxt.lower() not in _FUNCTION_WORDS):
        # A phrase that opens with a preposition or a linking word introduces what follows
        # ("[e.g.] batteries" -> "for example batteries", "[irrespective of] age"), unless a
        # determiner, or the start of the sentence, shows the term sits inside a noun phrase
        # ("the [area based] grant", "[Upstream] prevention").
        det = (before.group(1).lower() in _DETERMINERS if before is not None
               else _starts_sentence(text, start))
        if det or words[0].lower() not in _FUNCTION_WORDS:
            return DOES_NOT_FIT.format(replacement=replacement, word=nxt)
    return ""


def _escape(replacement: str, fmt: str, block: Block) -> str:
    if fmt == "html":
        out = html.escape(replacement, quote=False).replace('"', "&quot;")
        if block.kind.value in ("image-alt", "title"):
            out = out.replace("'", "&#39;")
        return out
    if fmt == "markdown":
        return _MARKDOWN_SPECIAL.sub(r"\\\1", replacement)
    return replacement


# -- a and an -----------------------------------------------------------------------------------


def _article_change(
    document: Document, block: Block, hit: Hit, replacement: str
) -> tuple[tuple[int, int], str] | str | None:
    """How the "a"/"an" before a replacement must change.

    Returns ``None`` (no article, or it stays), the article's source span and its new spelling,
    or a reason the fix cannot be made.
    """
    text = block.text
    m = _ARTICLE.search(text, max(0, hit.start - 12), hit.start)
    if m is None:
        return None
    article = m.group(1)
    old_word = _first_word(text[hit.start : hit.end])
    new_token = _first_token(replacement)
    new_word = _first_word(replacement)
    if not new_word:
        return None
    if article == "A" and not (_starts_sentence(text, m.start(1)) or old_word.isupper()):
        return None  # "Plan A", "Option A": a letter, not an article
    if new_token.lower() in _NO_ARTICLE_WORDS:
        return NO_ARTICLE.format(article=article, word=new_token)
    if old_word.isupper() and new_word.isupper() and len(old_word) > 1:
        # Capitals copied from words in capitals (A HOSTEL -> AN OVERNIGHT SHELTER): words,
        # not abbreviations said letter by letter.
        old_word, new_word = old_word.lower(), new_word.lower()
    wanted_old = indefinite_article(old_word)
    wanted_new = indefinite_article(new_word)
    if wanted_new == article.lower():
        return None
    # "an historic", "an hotel": an older style for h-words that we leave to the writer.
    h_style = article.lower() == "an" and old_word[:1].lower() == "h"
    if wanted_old != article.lower() and not h_style:
        return ARTICLE_UNSURE.format(word=new_word)
    a_start, a_end = m.start(1), m.end(1)
    if not block.map.is_verbatim(a_start, a_end):
        return ARTICLE_UNSURE.format(word=new_word)
    src_start, src_end = block.source_span(a_start, a_end)
    if document.source.text[src_start:src_end] != article:
        return ARTICLE_UNSURE.format(word=new_word)
    return (src_start, src_end), _article_case(wanted_new, article, _first_word(replacement))


def _article_case(new: str, old: str, word: str) -> str:
    if old.isupper() and (len(old) > 1 or (word.isupper() and len(word) > 1)):
        return new.upper()
    if old[0].isupper():
        return new.capitalize()
    return new


def _first_token(text: str) -> str:
    """The first word with its hyphens: "after-school"."""
    m = re.search(r"[^\W_][\w'\u2019-]*", text)
    return m.group() if m else ""


def _first_word(text: str) -> str:
    """The first run of letters or digits, which decides "a" or "an": "one" in "one-off"."""
    m = re.search(r"[^\W_]+", text)
    return m.group() if m else ""


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;\"'“‘" + MASK or before.endswith("\u2022")


#: Abbreviations said as words, not letter by letter: "a NATO base", "a SEND review".
WORD_ABBREVIATIONS = frozenset([
    "NATO", "NASA", "UNESCO", "UNICEF", "UCAS", "SEND", "SENCO", "SENCo", "NEET", "PIN",
    "CAMHS", "OFSTED", "ASAP", "AIDS", "GIF", "JPEG", "LAN", "WAN", "FIFA", "UEFA", "SAGE",
    "SEAL", "RIDDOR", "COSHH", "PAYE",
])
_VOWEL_LETTERS = set("AEFHILMNORSX")  # letters whose names start with a vowel sound
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_YOU_SOUNDS = ("uni", "unanim", "ubiq", "ukr", "ukulele")
_AN_UNI = ("unin", "unim", "unid")


def indefinite_article(word: str) -> str:
    """"a" or "an" for a word, by the sound it starts with: an hour, a user, an MP, a one-off."""
    w = word.strip("'\u2019\"“”‘([")
    if not w:
        return "a"
    if w[0].isdigit():
        return _article_for_number(w)
    letters = w.rstrip("s") if len(w) > 2 and w[:-1].isupper() else w
    if len(letters) == 1 or (letters.isupper() and letters not in WORD_ABBREVIATIONS
                              and len(letters) > 1):
        return "an" if letters[0].upper() in _VOWEL_LETTERS else "a"
    lower = w.lower()
    if lower.startswith(_SILENT_H):
        return "an"
    if lower in ("one", "once") or lower.startswith(("eu", "ewe")):
        return "a"
    if lower.startswith("u"):
        if lower.startswith(_AN_UNI):
            return "an"
        if lower.startswith(_YOU_SOUNDS):
            return "a"
        # u + one consonant + vowel sounds "you" (user, utility, usual, urine), except un- and
        # up- (unable, upon); u + two consonants sounds "uh" (under, urgent, utter).
        if len(lower) >= 3 and lower[1] not in "aeiounp" and lower[2] in "aeiouy":
            return "a"
        return "an"
    return "an" if lower[0] in "aeio" else "a"


def _article_for_number(w: str) -> str:
    digits = re.match(r"[\d,]+", w)
    group = digits.group().split(",")[0] if digits else w
    if group.startswith("8"):
        return "an"
    if group in ("11", "18") or (len(group) in (2, 5) and group[:2] in ("11", "18")):
        return "an"
    return "a"
