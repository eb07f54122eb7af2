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

Before any of that, `fit` puts every replacement a finding offers into its sentence and reads
the result (see `misfit`): a doubled word ("by by 6pm", "helps to help"), two determiners ("the
council's the rules"), a phrase of several words where one word must stand before a noun ("a
working together as equals charter"), a phrase where the noun already has a describing word
before it, a past tense where the sentence needs a participle ("planned and ran"), "has been
got", a verb that cannot take the "-ing" word after it ("help working"), "more strong", "per"
as "a" after a word that is not a number, a second "who" clause. A replacement that does not fit
becomes advice: readers still see it as a hint, and `fix` never applies it. The finding's
``data["does_not_fit"]`` says why.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from plainlint import inflect
from plainlint.document import MASK, Block, Document
from plainlint.model import Applicability, Finding, Fix, Hit, Suggestion

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
#: Adverbs that end a replacement ("design together"): English puts them after the object.
_TRAILING_ADVERBS = frozenset(["together", "jointly", "first", "again", "early", "well"])
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


def plan(document: Document, block: Block, hit: Hit, finding: Finding,
         tagged: Doc | None = None) -> tuple[Fix | None, str]:
    """The fix for a finding, or ``None`` and the reason there is none.

    The finding's replacements are checked in their sentence first (`fit`); one that does
    not fit is turned into advice on the finding itself. ``tagged`` is the block's tokens with
    tags where the fit check reads them (`plan_all`); without it the block is tagged here."""
    misfit_reason = fit(block, hit, finding, tagged)
    chosen = _choose(finding)
    if isinstance(chosen, str):
        return None, misfit_reason or chosen
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
    if (len(words) > 1 and last in _TRAILING_ADVERBS
            and (nxt.lower() in _DETERMINERS or nxt.lower() in _OBJECT_PRONOUNS)):
        # "[designed together] our new standards": the adverb belongs after the object.
        return DOES_NOT_FIT.format(replacement=replacement, word=nxt)
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
    if not before or before[-1] in ".!?:;\"'“‘" + MASK or before.endswith("\u2022"):
        return True
    # Only numbering before it on its line ("26 (5) SAFER STREETS", "3.2 Our plan").
    line = before[before.rfind("\n") + 1:]
    return not any(c.isalpha() for c in line)


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


# -- does the replacement fit its sentence? ----------------------------------------------------

NOT_FIT = "“{replacement}” does not fit this sentence ({why}): rewrite it by hand"

#: Verbs that can take an "-ing" word after them ("keep trying", "support working").
_GERUND_VERBS = frozenset([
    "avoid", "begin", "consider", "continue", "delay", "discuss", "enjoy", "finish", "give",
    "imagine", "include", "involve", "keep", "mean", "mention", "mind", "miss", "practise",
    "prevent", "quit", "recommend", "risk", "start", "stop", "suggest", "support", "try",
    "encourage", "allow", "like", "love", "hate", "prefer", "propose", "require", "need",
    "resume", "postpone", "permit", "advise", "forbid", "deny", "admit", "appreciate",
])
_BE_FORMS = frozenset(["be", "been", "being", "is", "are", "was", "were", "am"])
_COMPARATIVE = frozenset(["more", "most", "less", "least"])
_RELATIVE = frozenset(["who", "that", "which", "whom", "whose"])
_NOUN_TAGS = frozenset(["NN", "NNS", "NNP", "NNPS"])
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'\u2019-]{3,}")


@functools.lru_cache(maxsize=256)
def _tagged(text: str) -> Doc:
    from plainlint import nlp  # spaCy is loaded only when a finding offers a replacement

    return nlp.analyse([text], "tags")[0]


def needs_tags(finding: Finding) -> bool:
    """Does `fit` read the tags around this finding? Only when it offers a replacement."""
    return any(s.replacement for s in finding.suggestions)


#: Tokens tagged on each side of the words `fit` reads. spaCy's small English tagger sees four
#: tokens either side of a word (its encoder: four layers, a window of one), so a word's tag
#: is the same whether the tagger is given its whole block or this much around it; the rest
#: is room for the attribute ruler's patterns of several tokens.
TAG_MARGIN = 8
#: Blocks tagged in one go: enough for the tagger's batches, few enough to keep memory flat.
_BLOCKS_PER_ROUND = 64


def plan_all(document: Document, pending: list[tuple[Hit, Finding]]) -> None:
    """`plan` every finding of a document, setting ``fix`` and ``no_fix`` on each.

    Each finding is planned first without tags: one whose fit check is not needed, or known
    (`nlp.Facts`: an unchanged paragraph of an edited document), is done. The rest need the
    tags of the flagged words and of the word on each side. Rather than tagging each of their
    blocks whole, one at a time, the blocks are split into tokens and only stretches around
    those words (`TAG_MARGIN`) are tagged, in batches, block by block, so only one round of
    blocks is kept in memory. The tags are the ones tagging the whole block gives."""
    by_block: dict[int, list[tuple[Hit, Finding]]] = {}
    for hit, finding in pending:
        before = finding.suggestions, dict(finding.data)
        try:
            finding.fix, finding.no_fix = plan(document, document.blocks[hit.block_index], hit,
                                               finding, UNTAGGED)
        except TagsNeeded:  # planned again, from the start, once the block is tagged
            finding.suggestions, finding.data = before
            by_block.setdefault(hit.block_index, []).append((hit, finding))
    tagging = sorted(by_block)
    for n in range(0, len(tagging), _BLOCKS_PER_ROUND):
        chunk = tagging[n:n + _BLOCKS_PER_ROUND]
        tagged = _tag_around(document, {i: by_block[i] for i in chunk})
        for i in chunk:
            block = document.blocks[i]
            for hit, finding in by_block[i]:
                finding.fix, finding.no_fix = plan(document, block, hit, finding, tagged[i])


def _tag_around(document: Document, wanted: dict[int, list[tuple[Hit, Finding]]]
                ) -> dict[int, Doc]:
    """Each block's tokens, tagged around the words of its findings."""
    import numpy
    from spacy.attrs import TAG

    from plainlint import nlp

    docs: dict[int, Doc] = {}
    windows: list[tuple[int, int, int]] = []  # (block, first token, end token)
    for i, items in wanted.items():
        doc = nlp.tokenize(document.blocks[i].text)
        docs[i] = doc
        starts = _token_bounds(doc)[1]
        spans = sorted(_token_window(doc, starts, hit.start, hit.end) for hit, _ in items)
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + TAG_MARGIN:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        windows.extend((i, a, b) for a, b in merged)
    # Each stretch starts and ends where white space does, so its tokens are the block's.
    texts = (docs[i].text[docs[i][a].idx:docs[i][b - 1].idx + len(docs[i][b - 1].text)]
             for i, a, b in windows)
    values = {i: numpy.zeros((len(doc), 1), dtype="uint64") for i, doc in docs.items()}
    odd: set[int] = set()
    for (i, a, b), part in zip(windows, nlp.fine_tags(texts), strict=True):
        if len(part) != b - a:  # split otherwise than in its block: tag the whole block
            odd.add(i)
            continue
        values[i][a:b] = part.to_array([TAG]).reshape(-1, 1)
    for i, whole in zip(sorted(odd), nlp.fine_tags(docs[i].text for i in sorted(odd)),
                        strict=True):
        values[i][:] = whole.to_array([TAG]).reshape(-1, 1)
    for i, doc in docs.items():
        doc.from_array([TAG], values[i])
    return docs


def _token_window(doc: Doc, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The tokens to tag for the words at ``start``-``end``: them, the word on each side, and
    `TAG_MARGIN` tokens beyond, widened to start and end at white space."""
    import bisect

    n = len(doc)
    first = bisect.bisect_right(starts, start) - 1  # the token ``start`` is in (or before)
    while first > 0 and (doc[first].is_space or doc[first].idx + len(doc[first].text) > start):
        first -= 1
    last = bisect.bisect_left(starts, end)  # the first token at or after ``end``
    while last < n - 1 and doc[last].is_space:
        last += 1
    a, b = max(0, first - TAG_MARGIN), min(n, last + 1 + TAG_MARGIN)
    while a > 0 and not (doc[a - 1].whitespace_ or doc[a - 1].is_space or doc[a].is_space):
        a -= 1
    while b < n and not (doc[b - 1].whitespace_ or doc[b - 1].is_space or doc[b].is_space):
        b += 1
    return a, b


def fit(block: Block, hit: Hit, finding: Finding, tagged: Doc | None = None) -> str:
    """Check each replacement the finding offers in its sentence; turn those that do not
    fit into advice (on ``finding.suggestions``). Returns why the first one did not fit.

    ``tagged``: the block's tokens, tagged at least around the flagged words (`plan_all`);
    by default the whole block is tagged."""
    slots = finding.data.pop("slots", None) or {}
    if not needs_tags(finding):
        return ""
    if slots:
        # The entry's own form for the place the term stands in ("modifier": "joint" for
        # "a multi-agency approach").
        form = slots.get(_known(("slot", block.text, hit.start, hit.end),
                                lambda: slot_of(block.text, hit.start, hit.end,
                                                _tags(tagged))))
        if form:
            if finding.text[:1].isupper() and form[:1].islower():
                form = form[0].upper() + form[1:]
            first = next(s for s in finding.suggestions if s.replacement)
            finding.suggestions = tuple(
                Suggestion(form, form, s.applicability) if s is first else s
                for s in finding.suggestions)
    reasons: list[str] = []
    out: list[Suggestion] = []
    misfits: list[Suggestion] = []
    for s in finding.suggestions:
        why = (_known(("misfit", block.text, hit.start, hit.end, s.replacement),
                      lambda r=s.replacement: misfit(block.text, hit.start, hit.end, r,
                                                     _tags(tagged)))
               if s.replacement and s.applicability is not Applicability.ADVICE else "")
        if why:
            reasons.append(NOT_FIT.format(replacement=s.replacement, why=why))
            misfits.append(Suggestion(s.text))
        else:
            out.append(s)
    if reasons:
        # Those that fit come first, so the next one that reads right is the one offered.
        finding.suggestions = (*out, *misfits)
        finding.data["does_not_fit"] = reasons[0]
    return reasons[0] if reasons else ""


class TagsNeeded(Exception):
    """`plan_all` planned a finding without tags, and the fit check's answer is not known."""


#: Given as ``tagged`` by `plan_all` to plan a finding from known facts alone.
UNTAGGED: Any = object()


def _tags(tagged: Doc | None) -> Doc | None:
    if tagged is UNTAGGED:
        raise TagsNeeded
    return tagged


def _known(key: tuple[Any, ...], compute: Callable[[], str]) -> str:
    """What the fit check found for ``key``, from the facts kept (`nlp.Facts`) or computed:
    where a word stands and whether a replacement fits are functions of the block's text."""
    from plainlint import nlp

    return str(nlp.fact(key, compute))


def slot_of(text: str, start: int, end: int, tagged: Doc | None = None) -> str:
    """Where the words ``text[start:end]`` stand: "modifier" (before a noun: "stakeholder
    events"), "verb", or "noun"."""
    doc = tagged if tagged is not None else _tagged(text)
    before, inside, after = _sentence_tokens(doc, start, end)
    if not inside:
        return "noun"
    nxt = after[0] if after else None
    prev = before[-1] if before else None
    if nxt is not None and inside[-1].tag_ in ("NN", "NNS", "NNP", "JJ") and (
            _noun_follows(prev, nxt)):
        return "modifier"
    if inside[0].tag_.startswith("VB") and inside[0].tag_ != "VBG":
        return "verb"
    return "noun"


def _noun_follows(prev: Token | None, nxt: Token) -> bool:
    """Is the word after the flagged words a noun they describe? Not when it can be a verb
    and nothing before the flagged words makes them part of a noun phrase: "Co-production
    works at two levels", "what co-production means" (the tagger reads "works", "means" as
    plural nouns)."""
    if nxt.tag_ not in _NOUN_TAGS:
        return False
    opens = prev is None or prev.is_punct or prev.tag_ in ("WP", "WDT", "IN", "CC")
    return not (opens and nxt.tag_ == "NNS" and inflect.is_verb_s(nxt.lower_))


def _stem(word: str) -> str:
    w = word.lower().replace("\u2019", "'")
    for end in ("ing", "ed", "es", "s"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def _sentence_tokens(doc: Doc, start: int, end: int) -> tuple[list[Token], list[Token],
                                                                   list[Token]]:
    """The tokens of the sentence before the flagged words, in them, and after them.

    Tokens do not overlap and come in order, so those before the words (ending at or before
    ``start``), in them, and after them (starting at or after ``end``) are three runs, found
    by bisection; only the sentence around the words is looked at, not the whole block."""
    import bisect

    ends, starts = _token_bounds(doc)
    first = bisect.bisect_right(ends, start)  # the first token ending after ``start``
    last = max(first, bisect.bisect_left(starts, end))  # the first starting at ``end`` or after
    # the sentence only: back to the last full stop or line break, forward to the next one
    lo = first
    while lo > 0 and not _ends_sentence(doc[lo - 1].text):
        lo -= 1
    hi = last
    n = len(doc)
    while hi < n and not _ends_sentence(doc[hi].text):
        hi += 1
    return ([t for t in doc[lo:first] if not t.is_space], list(doc[first:last]),
            [t for t in doc[last:hi] if not t.is_space])


def _ends_sentence(text: str) -> bool:
    return text in (".", "!", "?") or "\n" in text


def _token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Where each token of ``doc`` ends and starts, computed once per document."""
    found = doc.user_data.get(_BOUNDS)
    if found is None or len(found[1]) != len(doc):
        from spacy.attrs import IDX, LENGTH

        values = doc.to_array([IDX, LENGTH])
        starts = values[:, 0].tolist()
        found = ([a + b for a, b in values.tolist()], starts)
        doc.user_data[_BOUNDS] = found
    return found


_BOUNDS = "plainlint_token_bounds"


def misfit(text: str, start: int, end: int, replacement: str,
           tagged: Doc | None = None) -> str:
    """Why ``replacement`` in place of ``text[start:end]`` would not read right, or ''.

    ``tagged``: ``text`` as tokens, tagged at least around ``start``-``end`` (`plan_all`)."""
    words = replacement.split()
    if not words:
        return ""
    doc = tagged if tagged is not None else _tagged(text)
    before, inside, after = _sentence_tokens(doc, start, end)
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    first, last = words[0].lower(), words[-1].lower()
    original = {_stem(w) for w in _CONTENT.findall(text[start:end])}

    # A word repeated across the join: "by [by] 6pm", "[work with] with".
    if prev is not None and prev.lower_ == first:
        return f"“{prev.text} {words[0]}”"
    if nxt is not None and nxt.lower_ == last:
        return f"“{words[-1]} {nxt.text}”"
    # Doubled words near the join: "helps to [help]", "friends or [family and friends]".
    near = [t for t in before[-3:] + after[:3] if t.is_alpha]
    for w in _CONTENT.findall(replacement.replace("-", " ")):
        stem = _stem(w)
        if stem in original or w.lower() in _FUNCTION_WORDS:
            continue
        if any(_stem(t.text) == stem for t in near):
            return f"it would repeat “{w}”"
    # A definition or near-definition: most of the replacement is already in the sentence.
    content = {_stem(w) for w in _CONTENT.findall(replacement)
               if w.lower() not in _FUNCTION_WORDS} - original
    around = {_stem(t.text) for t in before + after if t.is_alpha}
    if len(content) >= 2 and len(content & around) >= 2:
        return "the sentence already says it"
    # Two determiners: "the council's [the rules ...]".
    if prev is not None and first in _DETERMINERS and (
            prev.lower_ in _DETERMINERS or prev.tag_ in ("POS", "PRP$")):
        shown = doc[prev.i - 1].text + prev.text if prev.tag_ == "POS" and prev.i else prev.text
        return f"“{shown} {words[0]}”"
    # "per" as "a" needs a number or an amount before it: "£5 a week", not "bins a property".
    if first in ("a", "an", "each") and len(words) == 1 and prev is not None and not (
            prev.like_num or prev.tag_ == "CD" or prev.text in ("£", "$", "€", "%")):
        return f"“{prev.text} {words[0]}”"
    # "more [strong]": a short adjective makes its own comparative.
    if prev is not None and prev.lower_ in _COMPARATIVE and len(words) == 1 and (
            _syllable_guess(first) == 1 and inside and inside[-1].tag_ == "JJ"):
        return f"“{prev.text} {words[0]}”"
    term_tags = [t.tag_ for t in inside]
    nxt_is_noun = nxt is not None and _noun_follows(prev, nxt)
    if nxt is not None and nxt.tag_ in ("VB", "VBP") and term_tags and (
            term_tags[-1] in _NOUN_TAGS):
        # the last word of a heading is a noun the tagger read as a verb: "Care leaver offer"
        ends_line = nxt.i == len(doc) - 1 or "\n" in doc[nxt.i + 1].text
        nxt_is_noun = ends_line
    # A verb phrase where a noun was: "not just about [design together]".
    if term_tags and term_tags[-1] in ("NN", "NNS") and len(words) > 1 and (
            last in _TRAILING_ADVERBS):
        return "a noun cannot become a verb phrase here"
    # "of [enough] standard": "enough" goes before plurals and uncountable nouns.
    if first == "enough" and nxt is not None and nxt.tag_ == "NN" and prev is not None and (
            prev.lower_ == "of"):
        return f"“{prev.text} enough {nxt.text}”"
    # A phrase before a noun: "a [working together as equals] charter".
    # (The spelled-out form of an abbreviation is a name, and names stand before nouns.)
    if (nxt is not None and nxt_is_noun and term_tags
            and term_tags[-1] in ("NN", "NNS", "NNP", "JJ") and len(words) > 1
            and last not in _PREPOSITION_WORDS and not text[start:end].isupper()):
        return f"several words cannot stand before “{nxt.text}”"
    # A noun that already has a describing word before it: "business [working together]",
    # "the long term [implementing] the law".
    if (prev is not None and prev.tag_ in ("JJ", "NN", "NNS", "NNP") and term_tags
            and term_tags[0] in ("NN", "NNS") and prev.lower_ not in _FUNCTION_WORDS
            and (len(words) > 1 or (first.endswith("ing") and inside[-1].lower_ == "of"))):
        return f"it would follow “{prev.text}”, which describes a noun"
    # "make late payment [arrangements]": the noun belongs to the next one, so the words are
    # not the phrase they look like ("pay" would not do).
    if (nxt_is_noun and term_tags and term_tags[0].startswith("VB")
            and term_tags[-1] in ("NN", "NNS") and len(inside) > 1):
        return f"“{inside[-1].text}” describes “{nxt.text}” here" if nxt is not None else ""
    # "saw [introducing] a new service": after most verbs a noun, not an "-ing" word, follows.
    if (first.endswith("ing") and len(words) == 1 and inside and inside[-1].lower_ == "of"
            and prev is not None and prev.tag_.startswith("VB")
            and _lemma(prev.lower_) not in _GERUND_VERBS and prev.lower_ not in _BE_FORMS):
        return f"“{prev.text} {words[0]}”"
    # The verb's form: a participle slot needs a participle ("co-produced" -> "planned and
    # ran" would not do), and "has been got" is not English.
    if "VBN" in term_tags and any(inflect.is_past_only(w) for w in words):
        return "it needs the form that follows “has” or “be”"
    if prev is not None and prev.lower_ in _BE_FORMS and first in ("got", "gotten", "get"):
        return f"“{prev.text} {words[0]}”"
    # A verb followed by an "-ing" word: "help [working]" is not English; "support working" is.
    if (nxt is not None and nxt.tag_ == "VBG" and term_tags and term_tags[0].startswith("VB")
            and _lemma(last) not in _GERUND_VERBS and last not in _PREPOSITION_WORDS):
        return f"“{words[-1]} {nxt.text}”"
    # "provide support to [join]": a phrase that ended in "to" before a verb must keep it.
    if (nxt is not None and inside and inside[-1].lower_ == "to" and nxt.tag_ == "VB"
            and last != "to"):
        return f"“{words[-1]} {nxt.text}”"
    # Two "who" clauses in a row: "[people who need support] who are in crisis".
    if nxt is not None and nxt.lower_ in _RELATIVE and any(w.lower() in _RELATIVE
                                                             for w in words[1:]):
        return f"“{replacement} {nxt.text}”"
    return ""


def _lemma(word: str) -> str:
    found = inflect.lemmas_of(word)
    return found[0] if found else word


def _syllable_guess(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word.lower().rstrip("e"))) or 1
