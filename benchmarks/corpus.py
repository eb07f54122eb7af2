"""A deterministic corpus of council-style Markdown for benchmarks.

The same seed always gives the same files, so figures from different runs and machines compare.
Sentences are assembled from parts typical of council pages (services, residents, rules,
support, dates, money), with headings, lists, tables, links and the occasional jargon, Latin,
passive or "done to / done for" sentence, in roughly the proportions real pages have.
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = [
    "We", "The council", "Our team", "You", "Residents", "Tenants", "Carers", "Parents",
    "Local groups", "Staff", "The housing team", "Your social worker", "The panel",
    "Young people", "Families", "Our partners", "The service", "Every household",
]
VERBS = [
    "will contact", "can help", "must tell", "will assess", "work with", "provide support to",
    "collect", "review", "pay", "apply for", "choose", "decide with", "will visit", "offer",
    "will write to", "talk to", "plan services with", "check", "agree a plan with",
]
OBJECTS = [
    "residents", "you", "the bins", "your application", "carers", "local families",
    "the recycling", "tenants", "the parking permit", "your council tax", "the service",
    "your support plan", "the library", "children and young people", "older people",
    "the stakeholders", "service users", "the community", "your landlord", "the school",
]
TAILS = [
    "within 10 working days", "before 1 April", "every two weeks", "if you need help",
    "at the Town Hall", "by phone or online", "going forward", "in order to save money",
    "as part of our co-production approach", "so that you can stay at home",
    "e.g. with a direct payment", "in line with our commissioning strategy",
    "unless you tell us otherwise", "on Mondays in most areas", "from 9am to 5pm",
    "prior to the start of the tenancy", "to make sure everyone is safe",
    "with the help of local volunteers", "when your circumstances change",
]
EXTRA = [
    "Failure to pay will result in enforcement action.",
    "Residents will be assessed before a place is allocated.",
    "We provide support to vulnerable families.",
    "Parents co-designed this service with us.",
    "Bins are collected on Mondays.",
    "Please utilise the online form.",
    "The application was approved by the committee.",
    "You choose how your personal budget is spent.",
    "The elderly and hard to reach groups will be consulted.",
    "Tenants must comply with the terms of the tenancy agreement.",
    "Call us on 0300 123 4567.",
    "Mr. Smith from St. Mary's will attend at 10 a.m. on 5 May.",
]
HEADINGS = [
    "Council tax", "Bins and recycling", "Housing support", "Care at home", "Parking",
    "Libraries", "Have your say", "Paying for care", "Planning applications", "Schools",
    "Report a problem", "Contact us", "Short breaks", "Our plan for 2026 to 2030",
]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(EXTRA)
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.8:
        parts.append(rng.choice(TAILS))
    if rng.random() < 0.25:
        parts += ["and", rng.choice(VERBS), rng.choice(OBJECTS)]
    return " ".join(parts) + "."


def document(words: int, seed: int = 1) -> str:
    """A Markdown document of about ``words`` words."""
    rng = random.Random(seed)
    out: list[str] = [f"# {rng.choice(HEADINGS)}", ""]
    count = 2
    while count < words:
        kind = rng.random()
        if kind < 0.08:
            title = rng.choice(HEADINGS)
            out += [f"## {title}", ""]
            count += len(title.split())
        elif kind < 0.18:
            items = [sentence(rng).rstrip(".") for _ in range(rng.randint(2, 5))]
            out += [f"- {item}" for item in items] + [""]
            count += sum(len(i.split()) for i in items)
        elif kind < 0.21:
            rows = [f"| {rng.choice(HEADINGS)} | {sentence(rng)} |" for _ in range(3)]
            out += ["| Service | Details |", "|---|---|", *rows, ""]
            count += sum(len(r.split()) for r in rows)
        else:
            sentences = [sentence(rng) for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.2:
                sentences.append(
                    "See [our guidance](https://www.example.gov.uk/guidance) for more.")
            para = " ".join(sentences)
            out += [para, ""]
            count += len(para.split())
    return "\n".join(out) + "\n"


def write_corpus(root: Path) -> dict[str, list[Path]]:
    """Write the benchmark corpus under ``root``; return its sets of files by name."""
    root.mkdir(parents=True, exist_ok=True)
    sets: dict[str, list[Path]] = {}
    for words in (1_000, 10_000, 100_000):
        path = root / f"doc-{words // 1000}k.md"
        path.write_text(document(words, seed=words), encoding="utf-8")
        sets[f"{words // 1000}k"] = [path]
    many = root / "many"
    many.mkdir(exist_ok=True)
    files = []
    for i in range(200):
        path = many / f"page-{i:03d}.md"
        path.write_text(document(500, seed=10_000 + i), encoding="utf-8")
        files.append(path)
    sets["200x500"] = files
    return sets
