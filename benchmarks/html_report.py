"""How big an HTML report is, and how fast it opens, for a 100,000-word council document.

    .venv/bin/python benchmarks/html_report.py [--words 100000] [--out DIR]

Generates a deterministic council-style Markdown document, writes `plainlint report` for it,
then opens the page in headless Chromium (Debian's, driven by Playwright) and prints the page's
size and the browser's own timings: when the HTML was parsed (DOMContentLoaded), when the page
finished loading, and when the text was first painted. A benchmark, not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Going forward, we will engage stakeholders to co-produce an asset-based plan.",
    "You can ask for an assessment of your needs if you need help at home.",
    "Prior to your visit, a member of staff will telephone you to agree a time.",
    "We provide support to service users and their carers across the borough.",
    "Bins are collected every other Monday, so please put yours out by 7am.",
    "In order to apply, fill in the online form or phone us on 0300 123 4567.",
    "The elderly and other vulnerable adults can be hard to reach, so we will signpost them.",
    "Our commissioning strategy sets out how we will work across the piece with partners.",
    "Parents and carers co-designed our new short breaks offer with us this year.",
    "You choose how your personal budget is spent, and we will review it with you.",
    "Council tax bills are sent in March, and you can pay in 10 or 12 monthly instalments.",
    "Please utilise the enclosed envelope, e.g. if you are returning a paper form.",
]


def document(words: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    out: list[str] = ["# Adult social care: our plan\n"]
    count = 0
    section = 0
    while count < words:
        section += 1
        out.append(f"\n## Part {section}: how we will help\n")
        for _ in range(rng.randint(3, 6)):
            para = [rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))]
            count += sum(len(s.split()) for s in para)
            out.append("\n" + " ".join(para) + "\n")
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5, help="times to open the page")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from plainlint.api import Checker
    from plainlint.reporters.html import write_report

    work = Path(tempfile.mkdtemp(prefix="plainlint-bench-"))
    src = work / "plan.md"
    src.write_text(document(args.words), encoding="utf-8")
    out = args.out or work / "report"

    started = time.perf_counter()
    result = Checker(keep_documents=True).run([str(src)])
    checked = time.perf_counter()
    files = write_report(result, out)
    written = time.perf_counter()
    page = files[1]
    size = page.stat().st_size
    words = len(src.read_text(encoding="utf-8").split())
    print(f"document: {words:,} words, {src.stat().st_size / 1e6:.2f} MB of Markdown, "
          f"{len(result.findings):,} findings")
    print(f"check: {checked - started:.2f} s; write report: {written - checked:.2f} s")
    print(f"page: {size / 1e6:.2f} MB ({size / max(1, src.stat().st_size):.1f}x the source), "
          f"{size / max(1, len(result.findings)):.0f} bytes per finding")

    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        for _ in range(args.runs):
            tab = browser.new_page()
            t0 = time.perf_counter()
            tab.goto(page.as_uri(), wait_until="load")
            wall = time.perf_counter() - t0
            nav = tab.evaluate("""() => {
                const n = performance.getEntriesByType('navigation')[0];
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                        fcp: paint ? paint.startTime : null,
                        nodes: document.getElementsByTagName('*').length};
            }""")
            nav["wall"] = wall * 1000
            timings.append(nav)
            tab.close()
        browser.close()
    for key, label in (("dcl", "HTML parsed (DOMContentLoaded)"), ("fcp", "first paint"),
                       ("load", "load event"), ("wall", "goto() wall time")):
        values = [t[key] for t in timings if t[key] is not None]
        if values:
            print(f"{label}: median {statistics.median(values) / 1000:.2f} s "
                  f"(min {min(values) / 1000:.2f}, max {max(values) / 1000:.2f})")
    print(f"elements on the page: {timings[0]['nodes']:,}")
    print(f"report: {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
