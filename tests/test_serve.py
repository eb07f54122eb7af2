"""`plainlint serve`: the real server in a subprocess, spoken to over HTTP and through Debian's
headless Chromium (Playwright), as a writer and as an attacker would.

Nothing is mocked: the server loads the real pipeline, reads real Word files made with
python-docx, and the browser runs the page's own script under its real Content-Security-Policy.
Every loop that waits is bounded in count and time; everything talks to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plainlint.api import Checker, check_text
from plainlint.model import Finding
from plainlint.serve.workbench import Workbench, safe_name, sniff_format
from tests.browser import ARTIFACTS, AXE, WCAG_TAGS, chromium
from tests.conftest import REPO
from tests.test_hostile_documents import zip_bomb

START_LINE = re.compile(r"plainlint serve: http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")
#: Limits for the test server, small so that "too big" is quick to send.
MAX_FILE_MB = 1
MAX_DOCUMENT_MB = 2

TEXT = ("We will utilise the new funding to support residents.\n\n"
        "Stakeholders will be consulted going forward.\n")


# -- the server ---------------------------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen[str]
    port: int
    token: str
    tmp: Path  # the TMPDIR it was given: its private folder goes in here
    config: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_server(workdir: Path, *extra: str) -> Server:
    tmp = workdir / "tmp"
    tmp.mkdir(exist_ok=True)
    config = workdir / "pyproject.toml"
    config.write_text("[tool.plainlint]\n"
                      f"max-file-size-mb = {MAX_FILE_MB}\n"
                      f"max-document-size-mb = {MAX_DOCUMENT_MB}\n", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "plainlint", "serve", "--no-browser", "--port", "0",
         "--config", str(config), *extra],
        cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline and proc.poll() is None:
        if sel.select(timeout=1):
            line = proc.stdout.readline()
            break
    sel.close()
    m = START_LINE.fullmatch(line.rstrip("\n"))
    if m is None:
        proc.kill()
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"no start line from plainlint serve: {line!r} {err[-2000:]}")
    return Server(proc, int(m.group(1)), m.group(2), tmp, config)


def stop_server(server: Server) -> tuple[int, str]:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGINT)
    try:
        _, err = server.proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        _, err = server.proc.communicate(timeout=30)
    return server.proc.returncode, err


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("serve"))
    yield s
    stop_server(s)


def request(server: Server, method: str, path: str, *, body: bytes | None = None,
            headers: dict[str, str] | None = None, host: str | None = None
            ) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    h = {"Host": host or f"127.0.0.1:{server.port}"}
    h.update(headers or {})
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


@dataclass
class Client:
    """One browser's session, spoken to over plain HTTP."""

    server: Server
    cookie: str
    csrf: str

    def get(self, path: str, **kw: Any) -> tuple[int, dict[str, str], bytes]:
        headers = {"Cookie": self.cookie, **kw.pop("headers", {})}
        return request(self.server, "GET", path, headers=headers, **kw)

    def post(self, path: str, payload: Any = None, *, raw: bytes | None = None,
             origin: str | None = "same", csrf: str | None = "same",
             headers: dict[str, str] | None = None, host: str | None = None
             ) -> tuple[int, dict[str, str], bytes]:
        h = {"Cookie": self.cookie, **(headers or {})}
        if origin is not None:
            h["Origin"] = self.server.base if origin == "same" else origin
        if csrf is not None:
            h["X-Plainlint-CSRF"] = self.csrf if csrf == "same" else csrf
        body = raw
        if raw is None:
            body = json.dumps(payload).encode("utf-8")
            h["Content-Type"] = "application/json"
        return request(self.server, "POST", path, body=body, headers=h, host=host)

    def state(self, path: str, payload: Any = None, **kw: Any) -> tuple[int, dict[str, Any]]:
        status, headers, body = self.post(path, payload, **kw)
        assert headers["content-type"].startswith("application/json"), (status, body[:300])
        return status, json.loads(body)


def login(server: Server) -> Client:
    status, headers, _ = request(server, "GET", f"/?token={server.token}")
    assert status == 303 and headers["location"].endswith("/")
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    pair = cookie.split(";")[0]
    status, headers, page = request(server, "GET", "/", headers={"Cookie": pair})
    assert status == 200
    m = re.search(r'name="plainlint-csrf" content="([^"]+)"', page.decode("utf-8"))
    assert m
    return Client(server, pair, m.group(1))


def still_serving(server: Server) -> None:
    client = login(server)
    status, _, page = client.get("/")
    assert status == 200 and b"Check your writing" in page


# -- the command --------------------------------------------------------------------------------


def test_a_team_server_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "plainlint", "serve", "--no-browser",
                          "--host", "0.0.0.0", "--port", "0"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("plainlint: error: --host 0.0.0.0 lets other computers")
    assert "--token" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_short_or_empty_token_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "token"
    empty.write_text("\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "plainlint", "serve", "--no-browser",
                          "--token-file", str(empty)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip() == f"plainlint: error: {empty}: the token file is empty"


# -- safety, against the running server ---------------------------------------------------------


def test_no_token_no_entry(server: Server) -> None:
    for path in ("/", "/static/workbench.js", "/static/report.css", "/download/text",
                 "/?token=", "/?token=" + "x" * 32):
        status, headers, body = request(server, "GET", path)
        assert status == 403, path
        assert b"plainlint" in body and "content-security-policy" in headers
    status, _, _ = request(server, "POST", "/api/text", body=b"{}",
                           headers={"Origin": server.base, "Content-Type": "application/json"})
    assert status == 403
    still_serving(server)


def test_the_token_link_sets_a_cookie_and_leaves_the_address_bar(server: Server) -> None:
    client = login(server)
    _, headers, page = client.get("/")
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    html = page.decode("utf-8")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in s for s in scripts)  # no inline script at all
    assert "<style" not in html and " style=" not in html and " on" + "click=" not in html
    assert server.token not in html


def test_the_cookie_is_secure_when_a_local_proxy_says_https(server: Server) -> None:
    status, headers, _ = request(server, "GET", f"/?token={server.token}",
                                 headers={"X-Forwarded-Proto": "https"})
    assert status == 303 and "Secure" in headers["set-cookie"]
    status, headers, _ = request(server, "GET", f"/?token={server.token}")
    assert status == 303 and "Secure" not in headers["set-cookie"]


def test_wrong_host_is_refused(server: Server) -> None:
    client = login(server)
    for host in (f"evil.example:{server.port}", "127.0.0.1:1", f"127.0.0.1.nip.io:{server.port}"):
        status, _, _ = client.get("/", host=host)
        assert status == 403, host
        status, _, _ = client.post("/api/text", {"text": "x"}, host=host)
        assert status == 403, host
    assert client.get("/", host=f"localhost:{server.port}")[0] == 200
    still_serving(server)


def test_changes_need_the_same_origin_and_the_csrf_token(server: Server) -> None:
    client = login(server)
    payload = {"text": "We will utilise it."}
    assert client.post("/api/text", payload, origin="http://evil.example")[0] == 403
    assert client.post("/api/text", payload, origin=None)[0] == 403
    assert client.post("/api/text", payload, origin="null")[0] == 403
    assert client.post("/api/text", payload, csrf=None)[0] == 403
    assert client.post("/api/text", payload, csrf="guess")[0] == 403
    other = login(server)
    assert client.post("/api/text", payload, csrf=other.csrf)[0] == 403  # not this session's
    status, state = client.state("/api/text", payload)
    assert status == 200 and state["count"] >= 1
    still_serving(server)


def test_an_oversized_upload_is_refused_with_the_limit(server: Server) -> None:
    client = login(server)
    big = b"a" * (MAX_DOCUMENT_MB * 1_000_000 + 100_000)
    status, state = client.state("/api/upload", raw=big,
                                 headers={"X-File-Name": "huge.txt",
                                          "Content-Type": "application/octet-stream"})
    assert status == 413
    assert state["error"] == (f"huge.txt: file is over the {MAX_DOCUMENT_MB} MB limit; "
                              "raise max-document-size-mb to check it")
    # Text under the request limit but over the text limit gets check's own reason.
    text = b"word " * (MAX_FILE_MB * 1_000_000 // 5 + 1000)
    status, state = client.state("/api/upload", raw=text, headers={"X-File-Name": "long.txt"})
    assert status == 422
    assert state["error"] == (f"long.txt: file is over the {MAX_FILE_MB} MB limit; "
                              "raise max-file-size-mb to check it")
    # Far past the limit, the server itself refuses before reading any of it.
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall((f"POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      f"Cookie: {client.cookie}\r\nOrigin: {server.base}\r\n"
                      f"X-Plainlint-CSRF: {client.csrf}\r\n"
                      f"Content-Length: {50 * MAX_DOCUMENT_MB * 1_000_000}\r\n\r\n"
                      ).encode("ascii"))
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
    still_serving(server)


def test_a_zip_bomb_gets_the_same_one_line_error_as_check(server: Server, tmp_path: Path
                                                          ) -> None:
    bomb = zip_bomb(150)
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    cli = Checker(config_path=server.config).run([str(path)])
    assert len(cli.errors) == 1
    client = login(server)
    status, state = client.state("/api/upload", raw=bomb, headers={"X-File-Name": "bomb.docx"})
    assert status == 422
    assert state["error"] == f"bomb.docx: {cli.errors[0].message}"
    assert ("\n" not in state["error"] and state["error"] in state["panel"]) or state["error"]
    # A damaged Word file and a file with the wrong name say what they are.
    status, state = client.state("/api/upload", raw=bomb[: len(bomb) // 2],
                                 headers={"X-File-Name": "cut.docx"})
    assert status == 422 and state["error"].startswith("cut.docx: is damaged")
    status, state = client.state("/api/upload", raw=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" +
                                 b"\0" * 600, headers={"X-File-Name": "old.docx"})
    assert status == 422 and "old binary Office file" in state["error"]
    still_serving(server)


def test_path_like_names_are_never_opened(server: Server) -> None:
    client = login(server)
    secret = Path("/etc/hostname")
    for name in ("../../../../etc/hostname", "/etc/hostname", "..\\..\\Windows\\win.ini",
                 "%2e%2e%2fetc%2fhostname", "a\nb.txt"):
        body = b"We will utilise this letter to tell you about your bin day."
        status, state = client.state("/api/upload", raw=body,
                                     headers={"X-File-Name": name.replace("\n", "%0A")})
        assert status == 200, name
        assert state["text"] == body.decode("utf-8")
        if secret.exists() and secret.read_text().strip():
            assert secret.read_text().strip() not in state["text"]
        status, headers, data = client.get("/download/text")
        assert status == 200 and data == body
        disposition = headers["content-disposition"]
        shown = disposition.split('filename="')[1].split('"')[0]
        assert "/" not in shown and "\\" not in shown and ".." not in shown, disposition
    # Static files are a fixed list: no name reaches the file system.
    for path in ("/static/../app.py", "/static/..%2f__init__.py", "/static/%2e%2e/app.py",
                 "/static/workbench.js/../../app.py"):
        assert client.get(path)[0] in (403, 404), path
    still_serving(server)


def test_two_sessions_do_not_see_each_others_text(server: Server) -> None:
    a, b = login(server), login(server)
    a.state("/api/text", {"text": "Alpha's private draft about the tenancy review panel."})
    b.state("/api/text", {"text": "Bravo writes about bin collections on Tuesdays."})
    for me, mine, theirs in ((a, "Alpha", "Bravo"), (b, "Bravo", "Alpha")):
        page = me.get("/")[2].decode("utf-8")
        assert mine in page and theirs not in page
        text = me.get("/download/text")[2].decode("utf-8")
        assert mine in text and theirs not in text
    # Undo in one session never brings back the other's text.
    status, state = b.state("/api/undo", {})
    assert status == 200 and "Alpha" not in state["text"]


# -- the workbench's engine, without HTTP -------------------------------------------------------


def _key(f: Finding) -> tuple[Any, ...]:
    return (f.rule, f.offset, f.end_offset, f.line, f.column, f.end_line, f.end_column,
            f.text, f.message, f.severity, None if f.fix is None else f.fix.replacement)


EDITS = [
    "# Our plan\n\nWe will utilise the funding to engage stakeholders going forward.\n\n"
    "Residents will be assessed by the council before support is provided to carers.\n\n"
    "- Prior to the meeting, read the RSVP form.\n- The RSVP form is enclosed.\n",
    # one paragraph edited
    "# Our plan\n\nWe will use the funding to engage stakeholders going forward.\n\n"
    "Residents will be assessed by the council before support is provided to carers.\n\n"
    "- Prior to the meeting, read the RSVP form.\n- The RSVP form is enclosed.\n",
    # a paragraph added at the top: every later position moves
    "# Our plan\n\nThis is a new first paragraph, in order to commence.\n\n"
    "We will use the funding to engage stakeholders going forward.\n\n"
    "Residents will be assessed by the council before support is provided to carers.\n\n"
    "- Prior to the meeting, read the RSVP form.\n- The RSVP form is enclosed.\n",
    # the definition of an abbreviation moves after its first use
    "# Our plan\n\nRSVP by Friday.\n\nPlease reply (répondez s'il vous plaît, RSVP).\n",
]


def test_checking_as_you_type_gives_exactly_what_check_gives() -> None:
    """The session keeps spaCy analyses between changes; findings, positions and measures
    must be exactly those of a fresh check of the same text."""
    bench = Workbench()
    session = bench.new_session()
    for text in EDITS + EDITS[::-1]:
        bench.set_text(session, text, "markdown")
        assert session.result is not None and not session.error
        fresh = check_text(text, "markdown")
        assert [_key(f) for f in session.result.findings] == [_key(f) for f in fresh.findings]
        assert session.result.metrics == fresh.metrics
        for f in session.result.findings:
            assert session.text[f.offset:f.end_offset] == f.text
    # Unchanged paragraphs were not analysed again: what their analyses found was kept.
    assert session.memo.facts.hits > 0


def test_a_swap_and_undo_change_exactly_the_flagged_words() -> None:
    bench = Workbench()
    session = bench.new_session()
    text = "Prior to the visit, we will utilise the form.\n\nAn utilised room is fine.\n"
    bench.set_text(session, text, "text")
    n = next(i for i, f in enumerate(session.ordered, 1) if f.text == "utilise")
    bench.accept(session, n, session.version)
    assert session.text == text.replace("utilise the", "use the")
    bench.accept_all(session, session.version)
    # As `plainlint fix` does: "An utilised" needs a person ("a used"? "an used"?).
    assert session.text == "Before the visit, we will use the form.\n\nAn utilised room is fine.\n"
    bench.undo(session)
    bench.undo(session)
    assert session.text == text


def test_the_teams_configuration_is_found_as_check_finds_it(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plainlint]\nignore = ["latin"]\naccept = ["stakeholders"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    bench = Workbench()
    assert "latin" not in {r.id for r in bench.rules()}
    session = bench.new_session()
    bench.set_text(session, "Stakeholders, e.g. carers, will commence soon.", "text")
    assert [f.text for f in session.ordered] == ["commence"]
    bench.set_rule(session, "plain-words", False)
    assert session.ordered == []


def test_uploaded_line_endings_become_the_browsers() -> None:
    bench = Workbench()
    session = bench.new_session()
    bench.upload(session, "letter.txt", b"Dear resident,\r\n\r\nWe will utilise it.\r\n")
    assert session.text == "Dear resident,\n\nWe will utilise it.\n"
    f = session.ordered[0]
    assert session.text[f.offset:f.end_offset] == "utilise"


def test_files_are_read_by_their_content_not_their_name() -> None:
    assert sniff_format(zip_bomb(1), "notes.txt") == "docx"
    assert sniff_format(b"%PDF-1.7\n", "letter.md") == "pdf"
    assert sniff_format(b"<!DOCTYPE html><p>Hi</p>", "page.txt") == "html"
    assert sniff_format(b"# Title\n", "page.md") == "markdown"
    assert sniff_format(b"# Title\n", "page.docx") == "text"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\.secret.docx") == "secret.docx"
    assert safe_name("") == "document"


# -- in the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


@dataclass
class Opened:
    page: Any
    problems: list[str]

    def assert_quiet(self) -> None:
        assert self.problems == []


def open_workbench(browser: Any, server: Server, **context: Any) -> Opened:
    ctx = browser.new_context(accept_downloads=True, **context)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(server.base) or r.url.startswith(
        "data:") else problems.append("outside request: " + r.url))
    page.goto(f"{server.base}/?token={server.token}")
    assert page.url == server.base + "/"
    return Opened(page, problems)


def axe(page: Any) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: ./scripts/test.sh installs axe-core from npm")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_TAGS)
    return [f"{v['id']}: {n['target']}: {n['failureSummary']}"
            for v in results["violations"] for n in v["nodes"]]


def wait_until(page: Any, expression: str, seconds: float = 30) -> None:
    """Poll a JavaScript expression until it is true. (Playwright's wait_for_function
    evaluates a string, which the page's policy rightly forbids.)"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return
        time.sleep(0.1)
    pytest.fail(f"still not true after {seconds} s: {expression}")


def type_text(page: Any, text: str) -> None:
    page.fill("#editor", text)
    wait_until(page, "document.querySelector('#marked a[data-rule]') !== null")


def test_paste_see_marks_select_swap_and_undo(browser: Any, server: Server) -> None:
    opened = open_workbench(browser, server, viewport={"width": 1280, "height": 900})
    page = opened.page
    assert axe(page) == []  # the empty workbench
    type_text(page, TEXT)
    rules = page.eval_on_selector_all("#marked a[data-rule]",
                                      "els => els.map(e => e.dataset.rule)")
    assert "plain-words" in rules and "jargon" in rules
    page.click('#marked a[data-rule="plain-words"]')
    detail = page.locator(".detail:not([hidden])")
    assert "utilise" in detail.inner_text()
    assert page.evaluate("document.activeElement.id") == "sel-h"
    assert axe(page) == []  # with marks and an explanation open
    shot(browser, server)
    detail.locator("button.swap").click()
    wait_until(page, "document.querySelector('#editor').value.includes('We will use')")
    assert page.input_value("#editor") == TEXT.replace("utilise", "use")
    assert "Changed “utilise” to “use”." in page.inner_text("#status")
    page.click("#undo")
    wait_until(page, "document.querySelector('#editor').value.includes('utilise')")
    assert page.input_value("#editor") == TEXT
    page.click("#accept-all")
    wait_until(page, "!document.querySelector('#editor').value.includes('utilise')")
    assert "use the new funding" in page.input_value("#editor")
    # Switching a rule off for the session takes its marks away.
    page.uncheck('[data-rule-switch="jargon"]')
    wait_until(page,
        "document.querySelector('#marked a[data-rule=\"jargon\"]') === null")
    page.check('[data-rule-switch="jargon"]')
    wait_until(page,
        "document.querySelector('#marked a[data-rule=\"jargon\"]') !== null")
    opened.assert_quiet()


SHOWN = (
    "# Help with the cost of care\n\n"
    "We will utilise your assessment to find out what support you need. Residents will be "
    "assessed by a social worker prior to any decision about funding going forward.\n\n"
    "You can talk to us about what matters to you. We will agree a plan with you and your "
    "family, and we will check it with you every year.\n\n"
    "If you have savings over the limit, you must pay the full cost of your care. We provide "
    "support to carers through our partners, and stakeholders can give feedback at any time "
    "in order to improve the service.\n"
)


def shot(browser: Any, server: Server) -> None:
    """The picture in the README (docs/images/workbench.png is a copy, made smaller)."""
    opened = open_workbench(browser, server, viewport={"width": 1000, "height": 1040})
    page = opened.page
    type_text(page, SHOWN)
    wait_until(page, "document.querySelector('meter') !== null")
    page.click('#marked a[data-rule="plain-words"]')
    page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-workbench.png"))
    page.context.close()


def test_typing_updates_the_marks(browser: Any, server: Server) -> None:
    opened = open_workbench(browser, server, viewport={"width": 400, "height": 800})  # a phone
    page = opened.page
    type_text(page, "We will commence soon.")
    page.click("#editor")
    page.keyboard.press("End")
    page.keyboard.type(" Stakeholders are welcome.", delay=5)
    wait_until(page,
        "document.querySelector('#marked a[data-rule=\"jargon\"]') !== null")
    marks = page.eval_on_selector_all("#marked a[data-rule]", "els => els.map(e => e.textContent)")
    assert "commence" in marks and "Stakeholders" in marks
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scroll
    opened.assert_quiet()


def _word_file(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Your bin collections", level=1)
    d.add_paragraph("We will utilise a new lorry to collect your bins.")
    d.add_paragraph("Please contact us prior to your collection day.")
    d.save(str(path))
    return path


def test_upload_a_word_file_and_download_the_commented_copy(browser: Any, server: Server,
                                                            tmp_path: Path) -> None:
    import docx

    opened = open_workbench(browser, server)
    page = opened.page
    page.set_input_files("#file", str(_word_file(tmp_path / "bins.docx")))
    wait_until(page, "document.querySelector('#editor').value.includes('lorry')")
    wait_until(page, "document.querySelector('#marked a[data-rule]') !== null")
    assert "Opened bins.docx." in page.inner_text("#status")
    with page.expect_download(timeout=60_000) as info:
        page.click("#dl-docx")
    download = info.value
    assert download.suggested_filename == "bins-plainlint.docx"
    saved = tmp_path / "out.docx"
    download.save_as(str(saved))
    copy = docx.Document(str(saved))
    texts = [c.text for c in copy.comments]
    assert any("utilise" in t for t in texts), texts
    assert next(p.text for p in copy.paragraphs if p.text) == "Your bin collections"
    # The edited text downloads as it is now.
    type_text(page, page.input_value("#editor").replace("utilise", "use"))
    with page.expect_download(timeout=60_000) as info:
        page.click("#dl-text")
    got = Path(info.value.path()).read_text(encoding="utf-8")
    assert "use a new lorry" in got and "utilise" not in got
    # A damaged file gives one line in the page, and the text stays.
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    page.set_input_files("#file", str(bad))
    wait_until(page, "document.querySelector('#error').textContent.length > 0")
    error = page.inner_text("#error")
    assert error.startswith("broken.docx: ") and "\n" not in error
    assert "use a new lorry" in page.input_value("#editor")
    assert axe(page) == []
    refused = "Failed to load resource: the server responded with a status of 422"
    assert [p for p in opened.problems if not p.startswith(refused)] == []


def test_keyboard_only_tab_to_a_mark_open_it_and_accept(browser: Any, server: Server) -> None:
    opened = open_workbench(browser, server)
    page = opened.page
    type_text(page, "We will utilise the room.")
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.rule || ''") == "plain-words":
            break
    else:
        pytest.fail("Tab never reached the marked word")
    assert page.locator('#marked a[data-rule="plain-words"] + .note').is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "sel-h"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Change “utilise” to “use”"
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('#editor').value === 'We will use the room.'")
    opened.assert_quiet()


def test_ctrl_c_exits_130_and_removes_the_temporary_folder(tmp_path: Path) -> None:
    s = start_server(tmp_path)
    private = list(s.tmp.glob("plainlint-serve-*"))
    assert len(private) == 1 and (private[0].stat().st_mode & 0o777) == 0o700
    client = login(s)
    client.state("/api/upload", raw=io.BytesIO(b"A short letter.").getvalue(),
                 headers={"X-File-Name": "letter.txt"})
    code, err = stop_server(s)
    assert code == 130
    assert list(s.tmp.iterdir()) == []
    assert "Traceback" not in err


def test_two_browsers_do_not_see_each_others_text(browser: Any, server: Server) -> None:
    first = open_workbench(browser, server)
    second = open_workbench(browser, server)
    type_text(first.page, "The first writer will utilise this draft.")
    type_text(second.page, "The second writer will commence a letter.")
    first.page.reload()
    second.page.reload()
    assert "first writer" in first.page.input_value("#editor")
    assert "second" not in first.page.inner_text("main")
    assert "second writer" in second.page.input_value("#editor")
    assert "first" not in second.page.inner_text("main")


def test_change_it_yourself_selects_exactly_the_flagged_words(browser: Any, server: Server
                                                              ) -> None:
    opened = open_workbench(browser, server)
    page = opened.page
    type_text(page, "😀 Hello 𝒜ll.\n\nWe will utilise the room.")  # characters outside the BMP
    page.click('#marked a[data-rule="plain-words"]')
    page.click(".detail:not([hidden]) [data-edit]")
    assert page.evaluate("document.activeElement.id") == "editor"
    chosen = page.evaluate("(() => { const e = document.querySelector('#editor');"
                           " return e.value.substring(e.selectionStart, e.selectionEnd); })()")
    assert chosen == "utilise"
    opened.assert_quiet()


def test_the_writers_guide_reads_at_eleven_or_below() -> None:
    """docs/workbench.md is for writers who never open a terminal: plainlint's own measure."""
    guide = (REPO / "docs" / "workbench.md").read_text(encoding="utf-8")
    result = check_text(guide, "markdown")
    assert result.metrics["readability"]["reading_age"] <= 11
    assert not [f for f in result.findings if f.severity.label in ("error", "warning")]
