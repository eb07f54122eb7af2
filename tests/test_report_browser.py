"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright.

Nothing is mocked. Each test writes a real report with the real pipeline, opens it from disk
and checks what a person (or a screen reader, or axe-core's WCAG rules) would meet. Screenshots
and a printed PDF go to ``test-artifacts/`` for people to look at.

Needs ``chromium`` (Debian) and axe-core (npm); ``./scripts/test.sh`` installs both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from plainlint.api import Checker
from plainlint.reporters.html import write_report
from tests.browser import ARTIFACTS, AXE, WCAG_TAGS, chromium
from tests.conftest import REPO
from tests.report_helpers import (
    HOSTILE_HTML,
    HOSTILE_MD,
    HOSTILE_NAME,
    HOSTILE_TXT,
    rich_result,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A report on the rich page (every rule, with metrics) and a plain text letter."""
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("report")
    result = rich_result(src)
    files = write_report(result, out, title="Adult social care pages")
    return {"index": files[0], "doc": files[1], "letter": files[2]}


@dataclass
class Opened:
    page: Any
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_quiet(self, url: str) -> None:
        assert self.errors == [], self.errors
        assert self.console == [], self.console
        assert self.dialogs == [], self.dialogs
        assert self.requests == [url], self.requests


def open_page(browser: Any, path: Path, *, js: bool = True, width: int = 1024,
              height: int = 900, touch: bool = False) -> Opened:
    context = browser.new_context(java_script_enabled=js,
                                  viewport={"width": width, "height": height},
                                  has_touch=touch, is_mobile=touch)
    page = context.new_page()
    opened = Opened(page)
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning", "assert") else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri(), wait_until="load")
    return opened


def axe(page: Any) -> dict[str, Any]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: ./scripts/test.sh installs axe-core from npm")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: 'tag', values: tags},
               resultTypes: ['violations', 'passes']})""",
        WCAG_TAGS,
    )


def violations(results: dict[str, Any]) -> list[str]:
    out = []
    for v in results["violations"]:
        for node in v["nodes"]:
            out.append(f"{v['id']}: {node['target']}: {node['failureSummary']}")
    return out


def shot(page: Any, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


# -- accessibility ---------------------------------------------------------------------------


def test_document_page_has_no_axe_violations(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["doc"])
    page = opened.page
    rules = set(page.eval_on_selector_all(".doc-text .hl, .doc-text .mk",
                                          "els => els.map(e => e.dataset.rule)"))
    from plainlint.rules import builtin

    listed = set(page.eval_on_selector_all(".finding", "els => els.map(e => e.dataset.rule)"))
    assert {r.id for r in builtin()} <= listed  # a finding of every rule is on the page
    # Every finding is marked in the text, except one in an HTML comment (not prose) and the
    # reading age of the whole page, which is about the document and shown in the summary.
    assert {r.id for r in builtin()} - rules == {"unused-suppression", "reading-age"}
    assert page.locator(".outside a").count() == 1
    assert {"long-sentence", "done-for"} <= rules
    results = axe(page)
    assert violations(results) == []
    assert "color-contrast" in {p["id"] for p in results["passes"]}
    shot(page, "report-document.png")
    opened.assert_quiet(report["doc"].as_uri())


def test_open_explanations_have_no_axe_violations(browser: Any, report: dict[str, Path]
                                                  ) -> None:
    """An explanation shown on focus is checked too (contrast of the note itself)."""
    opened = open_page(browser, report["doc"])
    page = opened.page
    for selector in (".doc-text a.hl.s-warning", ".doc-text a.mk"):
        page.focus(selector)
        note = page.locator(f"{selector} + .note").first
        assert note.is_visible()
        assert violations(axe(page)) == []
    page.focus(".doc-text a.hl.s-warning")
    shot(page, "report-document-explanation.png", full=False)
    opened.assert_quiet(report["doc"].as_uri())


def test_index_page_has_no_axe_violations(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["index"])
    page = opened.page
    assert violations(axe(page)) == []
    shot(page, "report-index.png")
    opened.assert_quiet(report["index"].as_uri())


def test_combined_page_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    from plainlint.reporters import REPORTERS, ReportOptions

    result = rich_result(tmp_path)
    page_file = tmp_path / "combined.html"
    page_file.write_text(REPORTERS["html"](result, ReportOptions()), encoding="utf-8")
    opened = open_page(browser, page_file)
    assert violations(axe(opened.page)) == []
    # Ids are unique even with two documents on one page.
    ids = opened.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    shot(opened.page, "report-combined.png")
    opened.assert_quiet(page_file.as_uri())


def test_page_without_metrics_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>Bins</title></head><body><h1>Bin days</h1><p>We will engage "
        "stakeholders going forward.</p><p><img src='x.png' alt='A bin, e.g. a wheelie bin'>"
        "</p></body></html>", encoding="utf-8")
    result = Checker(keep_documents=True).run([str(tmp_path / "a.html")])
    files = write_report(result, tmp_path / "out")
    for f in files:
        opened = open_page(browser, f)
        assert violations(axe(opened.page)) == []
        opened.assert_quiet(f.as_uri())
    shot(open_page(browser, files[1]).page, "report-no-metrics.png")


# -- keyboard, JavaScript off, zoom and print ------------------------------------------------


def test_keyboard_reaches_every_highlight_and_shows_its_explanation(
    browser: Any, report: dict[str, Path]
) -> None:
    opened = open_page(browser, report["doc"])
    page = opened.page
    marks = page.eval_on_selector_all(".doc-text .hl, .doc-text .mk", "els => els.map(e => e.id)")
    assert len(marks) >= 20
    for _ in range(300):  # Tab from the top until the first highlight
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == marks[0]:
            break
    reached = []
    for mark_id in marks:
        active = page.evaluate("document.activeElement.id")
        assert active == mark_id, f"Tab went to {active!r}, not {mark_id!r}"
        reached.append(active)
        note = page.locator(f"#{mark_id} + .note")
        assert note.is_visible(), mark_id
        text = note.inner_text()
        assert text.split(":")[0] in ("Error", "Warning", "Suggestion")  # severity in words
        described = page.get_attribute(f"#{mark_id}", "aria-describedby")
        assert described == note.get_attribute("id")
        box = note.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1024
        page.keyboard.press("Escape")  # closes the explanation without moving focus
        assert not note.is_visible()
        page.keyboard.press("Tab")
    assert reached == marks
    # Enter on a highlight goes to its place in the list, and the list links back.
    page.focus(f"#{marks[0]}")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#" + marks[0].replace("h", "i", 1)
    item = page.evaluate("location.hash")[1:]
    page.click(f"#{item}")
    assert page.evaluate("location.hash") == f"#{marks[0]}"
    opened.assert_quiet(report["doc"].as_uri())


def test_filters_work_with_the_keyboard(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["doc"])
    page = opened.page
    assert page.is_visible("[data-filters]")
    jargon = page.locator("input[data-filter='rule'][value='jargon']")
    assert not jargon.is_visible()  # folded away until asked for
    page.focus("[data-filters] summary")
    page.keyboard.press("Enter")
    assert jargon.is_visible()
    jargon.focus()
    page.keyboard.press("Space")
    assert not jargon.is_checked()
    assert page.locator(".finding[data-rule='jargon']:visible").count() == 0
    assert page.locator(".finding[data-rule='latin']:visible").count() > 0
    # A filtered-out highlight is plain text: no link, not in the tab order.
    assert page.locator(".doc-text a.hl[data-rule='jargon'][href]").count() == 0
    status = page.inner_text("[data-status]")
    assert re.match(r"Showing \d+ of \d+ problems\.", status)
    page.locator("input[data-filter='sev'][value='suggestion']").check()
    page.locator("input[data-filter='sev'][value='suggestion']").uncheck()
    assert page.locator(".finding[data-sev='suggestion']:visible").count() == 0
    shot(page, "report-document-filtered.png", full=False)
    jargon.check()
    page.locator("input[data-filter='sev'][value='suggestion']").check()
    assert page.inner_text("[data-status]").startswith("Showing all")
    opened.assert_quiet(report["doc"].as_uri())


def test_page_is_usable_with_javascript_off(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["doc"], js=False)
    page = opened.page
    assert not page.is_visible("[data-filters]")  # filters need the script: absent
    first = page.locator(".doc-text a.hl").first
    first.focus()
    assert page.locator(".doc-text a.hl + .note").first.is_visible()
    assert page.locator(".finding .f-lines a").count() > 20  # the full list is there
    shot(page, "report-document-no-js.png", full=False)
    opened.assert_quiet(report["doc"].as_uri())


def test_400_percent_zoom_needs_no_sideways_scrolling(browser: Any, report: dict[str, Path]
                                                      ) -> None:
    """1280 CSS pixels at 400% zoom is a 320-pixel-wide viewport (WCAG 1.4.10 reflow)."""
    for name in ("doc", "index"):
        opened = open_page(browser, report[name], width=320, height=256)
        page = opened.page
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: page is {overflow}px wider than the screen"
        wide = page.eval_on_selector_all(
            ".doc-text, .doc-text .passage, p, li, h1, h2, h3, dd",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.outerHTML.slice(0, 80))")
        assert wide == []
        if name == "doc":
            page.focus(".doc-text a.hl")
            page.locator(".doc-text a.hl").first.scroll_into_view_if_needed()
            box = page.locator(".doc-text a.hl + .note").first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
            shot(page, "report-document-400-percent.png", full=False)
        opened.assert_quiet(report[name].as_uri())


def test_print_stylesheet(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["doc"])
    page = opened.page
    page.emulate_media(media="print")
    assert not page.is_visible("[data-filters]")
    assert not page.is_visible("nav.toc")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.doc-text a.hl'), '::after').content")
    assert re.fullmatch(r'" \[" attr\(data-n\) "\]"|" \[\d+\]"', after), after
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "report-document-print.pdf"))
    opened.assert_quiet(report["doc"].as_uri())


def test_index_table_sorts(browser: Any, report: dict[str, Path]) -> None:
    opened = open_page(browser, report["index"])
    page = opened.page
    header = page.locator("table.docs thead th").filter(has_text="Warnings")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    first = page.eval_on_selector_all("table.docs tbody tr td:nth-last-child(2)",
                                      "els => els.map(e => Number(e.dataset.sort))")
    assert first == sorted(first)
    header.locator("button").press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    again = page.eval_on_selector_all("table.docs tbody tr td:nth-last-child(2)",
                                      "els => els.map(e => Number(e.dataset.sort))")
    assert again == sorted(first, reverse=True)
    opened.assert_quiet(report["index"].as_uri())


# -- safety ----------------------------------------------------------------------------------


def test_hostile_documents_run_nothing(browser: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    (src / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (src / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (src / HOSTILE_NAME).write_text("We will engage stakeholders.\n", encoding="utf-8")
    result = Checker(keep_documents=True).run([str(src)])
    assert not result.errors
    files = write_report(result, tmp_path / "out")
    from plainlint.reporters import REPORTERS, ReportOptions

    combined = tmp_path / "combined.html"
    combined.write_text(REPORTERS["html"](result, ReportOptions()), encoding="utf-8")
    for f in [*files, combined]:
        opened = open_page(browser, f)
        page = opened.page
        # Move through every highlight, so any handler on them would fire.
        for mark in page.locator(".doc-text .hl, .doc-text .mk").all():
            mark.focus()
            mark.hover()
        page.wait_for_timeout(100)
        opened.assert_quiet(f.as_uri())
        assert page.locator("iframe, img, object, embed, link, svg[onload]").count() == 0
        assert page.locator("script").count() == 1  # ours, and only ours
        handlers = "document.querySelectorAll('[onerror],[onload],[onclick]').length"
        assert page.evaluate(handlers) == 0
        hrefs = page.eval_on_selector_all("a[href]",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert all(h.startswith("#") or re.fullmatch(r"[a-z0-9-]+\.html(#.*)?", h)
                   for h in hrefs), hrefs
    text = open_page(browser, files[0]).page.inner_text("main")
    assert HOSTILE_NAME in text  # the name shows as text
    txt_page = next(f for f in files if "hostile-txt" in f.name)
    body = open_page(browser, txt_page).page.inner_text(".doc-text")
    assert '<script>alert("txt")</script>' in body
    assert "{{ 7 * 7 }}" in body and "49" not in body
    assert "javascript:alert('txt-link')" in body
    md_page = next(f for f in files if "hostile-md" in f.name)
    body = open_page(browser, md_page).page.inner_text(".doc-text")
    assert "{{ 7 * 7 }}" in body and "{% if true %}" in body


# -- the layout: the document first (issue 17), the index says where to start (issue 21) -----

#: A phone (390 x 844 CSS pixels) and a laptop (1280 x 800).
SCREENS = [(390, 844), (1280, 800)]


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled examples, as a new user's first report."""
    out = tmp_path_factory.mktemp("examples-report")
    result = Checker(keep_documents=True).run([str(REPO / "examples")])
    files = write_report(result, out)
    return {f.name: f for f in files}


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_first_marked_problem_is_on_the_first_screen(
    browser: Any, report: dict[str, Path], examples_report: dict[str, Path],
    width: int, height: int,
) -> None:
    """Below the page title and the summary line, the marked text starts within one screen:
    the summary sits beside the text on a wide screen and after it on a phone."""
    pages = [report["doc"], report["letter"],
             *(f for name, f in examples_report.items() if name != "index.html")]
    for f in pages:
        opened = open_page(browser, f, width=width, height=height)
        page = opened.page
        lede = page.locator(".lede").bounding_box()
        mark = page.locator(".doc-text .hl, .doc-text .mk").first.bounding_box()
        assert lede is not None and mark is not None, f.name
        assert mark["y"] + mark["height"] <= lede["y"] + lede["height"] + height, (
            f"{f.name} at {width}px: the first marked problem is at {mark['y']:.0f}px")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{f.name} at {width}px: {overflow}px of sideways scrolling"
        text = page.locator(".doc-text").bounding_box()
        side = page.locator(".doc-side").bounding_box()
        assert text is not None and side is not None
        if width >= 1280:  # beside the text, like an editor's side panel
            assert side["x"] >= text["x"] + text["width"] and side["y"] < text["y"] + 200
        else:  # after it
            assert side["y"] >= text["y"] + text["height"]
        assert violations(axe(page)) == [], f"{f.name} at {width}px"
        opened.assert_quiet(f.as_uri())
    page = open_page(browser, report["doc"], width=width, height=height).page
    shot(page, f"report-document-{width}.png", full=False)


def test_tapping_a_marked_word_explains_it_in_place(browser: Any, report: dict[str, Path]
                                                    ) -> None:
    """A tap used to follow the link to the list, thousands of pixels down the page."""
    opened = open_page(browser, report["doc"], width=390, height=844, touch=True)
    page = opened.page
    marks = page.locator(".doc-text a.hl")
    target = marks.nth(3)
    target.scroll_into_view_if_needed()
    # The word at the foot of the screen: its explanation would open below the fold.
    target.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().bottom - innerHeight + 8)")
    before = page.evaluate("window.scrollY")
    target.tap()
    # At most the little scrolling that shows the whole explanation, not a jump to the list.
    assert abs(page.evaluate("window.scrollY") - before) < 300
    note = page.locator(".doc-text a.hl + .note").nth(3)
    assert note.is_visible()
    box = note.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1  # all of it on screen
    mark = target.bounding_box()
    assert mark is not None and mark["y"] >= 0  # and the word it explains
    shot(page, "report-document-tapped.png", full=False)
    # Another tap elsewhere closes it; a tap on another word opens that one instead.
    marks.nth(4).tap()
    assert not note.is_visible()
    assert page.locator(".doc-text a.hl + .note").nth(4).is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".doc-text a.hl + .note").nth(4).is_visible()
    opened.assert_quiet(report["doc"].as_uri())


def test_tables_and_measures_fit_a_phone(browser: Any, report: dict[str, Path]) -> None:
    """No table is cut off at 390px, and the clarity measures are not squeezed into a
    column a few words wide."""
    for name in ("doc", "index"):
        opened = open_page(browser, report[name], width=390, height=844)
        page = opened.page
        cut = page.eval_on_selector_all(
            "table", "els => els.filter(t => t.getBoundingClientRect().right > 391 "
            "|| t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.className)")
        assert cut == [], f"{name}: tables wider than the screen: {cut}"
        if name == "doc":
            label = page.locator("caption, h2, h3, h4").filter(has_text="clarity measures").first
            box = label.bounding_box()
            assert box is not None and box["width"] >= 250, box
            assert page.locator(".measures li").count() == 4
        opened.assert_quiet(report[name].as_uri())


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_index_measures_are_all_on_screen(browser: Any, tmp_path: Path, width: int,
                                          height: int) -> None:
    """Every measure of every document is on screen without scrolling sideways, long names
    included; the full path shows when its link has focus."""
    long_name = "guidance-for-designers/components/" + "character-count-" * 4 + "page.md"
    src = tmp_path / "src"
    (src / "guidance-for-designers" / "components").mkdir(parents=True)
    (src / long_name).write_text(
        "# Character count\n\nWhen you write guidance for people, keep it short. "
        "Going forward, we will engage stakeholders.\n", encoding="utf-8")
    result = rich_result(src)
    result.files.extend(Checker(keep_documents=True).run([str(src / long_name)]).files)
    files = write_report(result, tmp_path / "out")
    opened = open_page(browser, files[0], width=width, height=height)
    page = opened.page
    off = page.eval_on_selector_all(
        "table.docs th, table.docs td",
        f"els => els.filter(e => e.getBoundingClientRect().right > {width} + 1)"
        ".map(e => e.textContent.trim().slice(0, 40))")
    assert off == []
    region = page.locator("table.docs").bounding_box()
    assert region is not None and region["x"] + region["width"] <= width
    full = str(src / long_name)
    link = page.locator("table.docs tbody th a").filter(has_text="Character count")
    path = page.locator("table.docs tbody th",
                        has=page.locator("a", has_text="Character count")).locator(".full")
    assert path.count() == 1 and not path.is_visible()
    link.focus()
    assert path.is_visible() and path.inner_text() == full
    assert violations(axe(page)) == []
    shot(page, f"report-index-{width}.png", full=False)
    opened.assert_quiet(files[0].as_uri())


def test_filters_hide_problems_about_the_whole_document_too(browser: Any, tmp_path: Path
                                                            ) -> None:
    from tests.test_report_html import HARD

    (tmp_path / "hard.md").write_text(HARD, encoding="utf-8")
    files = write_report(Checker(keep_documents=True).run([str(tmp_path / "hard.md")]),
                         tmp_path / "out")
    opened = open_page(browser, files[1])
    page = opened.page
    whole = page.locator(".doc-side .whole li[data-rule='reading-age']")
    assert whole.count() == 1 and whole.is_visible()
    assert page.locator(".doc-text [data-rule='reading-age']").count() == 0  # never drawn
    page.click("[data-filters] summary")
    page.locator("input[data-filter='rule'][value='reading-age']").uncheck()
    assert not whole.is_visible()
    assert violations(axe(page)) == []
    opened.assert_quiet(files[1].as_uri())
