"""Word forms from lemminflect's lexicon, and the irregular verbs every passive rewrite needs.

The participles are the list of irregular past participles in write-good's passive-voice check
(btford/passive-voice, ``passive.js``): a fact, used here as a test set. Each goes into "The
parcel was X by the team"; the passive must be found and the rewrite must use the right past
tense. The few left out cannot be passives ("been", "come", "gone" ...) or are a feeling.
"""

from __future__ import annotations

import lemminflect
import pytest

from plainlint import inflect, nlp, passive

#: participle -> the past tense of its verb, as a British writer would put it
WRITE_GOOD_IRREGULARS = {
    "awoken": "awoke", "born": "bore", "beat": "beat", "begun": "began", "bent": "bent",
    "beset": "beset", "bet": "bet", "bid": "bid", "bidden": "bid", "bound": "bound",
    "bitten": "bit", "bled": "bled", "blown": "blew", "broken": "broke", "bred": "bred",
    "brought": "brought", "broadcast": "broadcast", "built": "built", "burnt": "burnt",
    "burst": "burst", "bought": "bought", "cast": "cast", "caught": "caught", "chosen": "chose",
    "clung": "clung", "cost": "cost", "crept": "crept", "cut": "cut", "dealt": "dealt",
    "dug": "dug", "dived": "dived", "done": "did", "drawn": "drew", "dreamt": "dreamt",
    "driven": "drove", "drunk": "drank", "eaten": "ate", "fed": "fed", "felt": "felt",
    "fought": "fought", "found": "found", "fit": "fitted", "fled": "fled", "flung": "flung",
    "flown": "flew", "forbidden": "forbade", "forgotten": "forgot", "foregone": "forewent",
    "forgiven": "forgave", "forsaken": "forsook", "frozen": "froze", "gotten": "got",
    "given": "gave", "ground": "ground", "grown": "grew", "hung": "hung", "heard": "heard",
    "hidden": "hid", "hit": "hit", "held": "held", "hurt": "hurt", "kept": "kept",
    "knelt": "knelt", "knit": "knit", "known": "knew", "laid": "laid", "led": "led",
    "leapt": "leapt", "learnt": "learnt", "left": "left", "lent": "lent", "let": "let",
    "lighted": "lit", "lost": "lost", "made": "made", "meant": "meant", "met": "met",
    "misspelt": "misspelt", "mistaken": "mistook", "mown": "mowed", "overcome": "overcame",
    "overdone": "overdid", "overtaken": "overtook", "overthrown": "overthrew", "paid": "paid",
    "pled": "pleaded", "proven": "proved", "put": "put", "quit": "quit", "read": "read",
    "rid": "rid", "ridden": "rode", "rung": "rang", "run": "ran", "sawn": "sawed",
    "said": "said", "seen": "saw", "sought": "sought", "sold": "sold", "sent": "sent",
    "set": "set", "sewn": "sewed", "shaken": "shook", "shaven": "shaved", "shorn": "sheared",
    "shed": "shed", "shone": "shone", "shod": "shoed", "shot": "shot", "shown": "showed",
    "shrunk": "shrank", "shut": "shut", "sung": "sang", "sunk": "sank", "sat": "sat",
    "slain": "slew", "slid": "slid", "slung": "slung", "slit": "slit", "smitten": "smote",
    "sown": "sowed", "spoken": "spoke", "sped": "sped", "spent": "spent", "spilt": "spilt",
    "spun": "spun", "spit": "spat", "split": "split", "spread": "spread", "sprung": "sprang",
    "stood": "stood", "stolen": "stole", "stuck": "stuck", "stung": "stung", "stunk": "stank",
    "stridden": "strode", "struck": "struck", "strung": "strung", "striven": "strove",
    "sworn": "swore", "swept": "swept", "swollen": "swelled", "swum": "swam", "swung": "swung",
    "taken": "took", "taught": "taught", "torn": "tore", "told": "told", "thought": "thought",
    "thrived": "thrived", "thrown": "threw", "thrust": "thrust", "trodden": "trod",
    "understood": "understood", "upheld": "upheld", "woken": "woke", "worn": "wore",
    "woven": "wove", "wept": "wept", "wound": "wound", "won": "won", "withheld": "withheld",
    "withstood": "withstood", "wrung": "wrung", "written": "wrote",
}
#: In write-good's list but never the verb of a passive ("was been", "was gone"), a feeling
#: ("was upset by"), or read by the tokenizer as two words ("wed" as "we'd").
LEFT_OUT = {"been", "become", "come", "gone", "fallen", "risen", "lain", "slept", "upset",
            "wed"}


def test_every_irregular_participle_is_found_and_rewritten_with_its_past_tense() -> None:
    words = sorted(WRITE_GOOD_IRREGULARS)
    docs = nlp.analyse([f"The parcel was {w} by the team." for w in words], "parse")
    wrong = {}
    for word, doc in zip(words, docs, strict=True):
        found = passive.find(doc)
        want = f"the team {WRITE_GOOD_IRREGULARS[word]} the parcel"
        got = found[0].rewrite if found else None
        if got != want:
            wrong[word] = got
    assert len(words) + len(LEFT_OUT) >= 170
    assert wrong == {}


@pytest.mark.parametrize("verb", ["throw", "eat", "steal", "read", "withhold", "run", "get",
                                  "travel", "cancel", "commission", "prioritise", "fit"])
def test_forms_agree_with_lemminflect(verb: str) -> None:
    """We read lemminflect's table ourselves (its package imports spaCy); the result must be
    one of the spellings lemminflect itself gives, or one of our stated exceptions."""
    theirs = lemminflect.getAllInflections(verb, "VERB")
    ours = {"VBD": inflect.past(verb), "VBN": inflect.past_participle(verb),
            "VBG": inflect.present_participle(verb), "VBZ": inflect.third_person(verb)}
    for tag, form in ours.items():
        allowed = set(theirs.get(tag, ())) | set(inflect.EXCEPTIONS.get(verb, ()))
        allowed |= set(lemminflect.getAllInflectionsOOV(verb, "VERB").get(tag, ()))
        either = set(theirs.get("VBN", ())) | set(theirs.get("VBD", ()))
        assert form in allowed or (tag in ("VBD", "VBN") and form in either), (tag, form)


@pytest.mark.parametrize(("verb", "past", "participle"), [
    ("travel", "travelled", "travelled"),  # British double l
    ("cancel", "cancelled", "cancelled"),
    ("get", "got", "got"),  # not "gotten"
    ("bear", "bore", "borne"),
    ("co-produce", "co-produced", "co-produced"),  # not in the lexicon: the stem's forms
    ("re-submit", "re-submitted", "re-submitted"),
    ("signpost", "signposted", "signposted"),
    ("withhold", "withheld", "withheld"),
    ("run", "ran", "run"),  # the package's correction to its own table
])
def test_british_forms_and_words_outside_the_lexicon(verb: str, past: str,
                                                     participle: str) -> None:
    assert inflect.past(verb) == past
    assert inflect.past_participle(verb) == participle


def test_base_form_of_a_participle() -> None:
    assert inflect.lemmas_of("found")[0] == "find"
    assert inflect.lemmas_of("wound")[0] == "wind"
    assert inflect.lemmas_of("cut")[0] == "cut"
    assert inflect.lemmas_of("zzzz") == ()


@pytest.mark.parametrize(("noun", "plural"), [
    ("criterion", "criteria"), ("person", "people"), ("analysis", "analyses"),
    ("family", "families"), ("bus", "buses"), ("resident", "residents"),
])
def test_plurals(noun: str, plural: str) -> None:
    assert inflect.plural(noun) == plural
