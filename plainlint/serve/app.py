"""The workbench's web side: a Flask application in front of `Workbench`.

Safety, in the order every request meets it (docs/workbench.md has the writer's side):

1. **Host.** The ``Host`` header must name the address the server is bound to (127.0.0.1 or
   ``localhost`` with its port), so a web page whose domain is re-pointed at 127.0.0.1 (DNS
   rebinding) is refused. A server bound to every address (a team server behind a proxy) takes
   any host name; it cannot start without a token.
2. **Token.** The start link ``/?token=TOKEN`` is the only way in: with the right token it
   starts a session, sets its cookie (``HttpOnly``, ``SameSite=Strict``) and sends the browser
   to ``/`` so the token leaves the address bar. Any request without a session cookie, static
   files included, gets 403.
3. **Changes.** A request that changes anything is a ``POST`` whose ``Origin`` is this server
   and which carries the session's CSRF token in a header (a page elsewhere cannot read it).
4. **Bodies.** No request may send more than `check`'s own size limit; uploads are read by
   their content with the same readers and limits as `check`, in memory. No name or path from
   the browser is ever opened: static files are a fixed list read at start.
5. **Headers.** A strict Content-Security-Policy (scripts and styles only from this server's
   own files, no inline script, no other origin), no framing, no referrer, no caching.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from plainlint.serve.views import render_page, render_state
from plainlint.serve.workbench import TEXT_FORMATS, Conflict, Session, Workbench
from plainlint.source import InputError

COOKIE = "plainlint_session"
CSRF_HEADER = "X-Plainlint-CSRF"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
       "object-src 'none'")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
#: Room for JSON around the largest text a writer may send.
JSON_MARGIN = 64 * 1024


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every file the server may send, read once at start: name -> (bytes, content type)."""
    from plainlint.resources import reports_dir

    here = Path(__file__).resolve().parent / "static"
    files = {p.name: p for p in sorted(here.iterdir()) if p.suffix in STATIC_TYPES}
    files["report.css"] = reports_dir() / "report.css"  # the report's marks, colours, words
    return {name: (path.read_bytes(), STATIC_TYPES[path.suffix]) for name, path in files.items()}


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The ``Host`` values a request may carry; None: any (a server bound to every address)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {host}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    shown = {f"[{h}]" if ":" in h and not h.startswith("[") else h for h in names}
    return {f"{h}:{port}".lower() for h in shown}


def create_app(bench: Workbench, token: str, host: str, port: int) -> Any:
    from flask import Flask, Response, redirect, request
    from werkzeug.exceptions import HTTPException

    app = Flask("plainlint.serve", static_folder=None, template_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = bench.max_body() + JSON_MARGIN
    hosts = allowed_hosts(host, port)
    statics = static_files()

    def refuse(status: int, why: str) -> Response:
        page = render_page("refused.html.j2", why=why)
        return Response(page, status=status, content_type="text/html; charset=utf-8")

    def session() -> Session | None:
        return bench.session(request.cookies.get(COOKIE))

    def current() -> Session:
        """The request's session: `guard` has refused every request without one."""
        s = session()
        assert s is not None
        return s

    def state(s: Session, status: int = 200) -> Response:
        return Response(json.dumps(render_state(bench, s)), status=status,
                        content_type="application/json")

    @app.before_request
    def guard() -> Response | None:
        if hosts is not None and (request.host or "").lower() not in hosts:
            return refuse(403, "This address is not the one plainlint serve is running on.")
        if request.path == "/" and "token" in request.args:
            given = request.args.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return refuse(403, "This link's token is not the one plainlint serve printed.")
            s = bench.new_session()
            out = redirect("/", code=303)
            out.set_cookie(COOKIE, s.id, httponly=True, samesite="Strict", path="/",
                           secure=request.scheme == "https")
            return out
        s = session()
        if s is None:
            return refuse(403, "Open the link that plainlint serve printed when it started.")
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("Origin", "")
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or parts.netloc.lower() != (
                    request.host or "").lower():
                return refuse(403, "Changes must come from the workbench page itself.")
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent.encode(), s.csrf.encode()):
                return refuse(403, "This change did not carry the page's safety code.")
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        s = session() if request.cookies.get(COOKIE) else None
        if exc.code == 413 and s is not None:
            bench.too_big(s, unquote(request.headers.get("X-File-Name", "")) or "your text")
            return state(s, 413)
        return refuse(exc.code or 500, exc.description or "That did not work.")

    @app.get("/")
    def page() -> Response:
        s = current()
        html = render_page("workbench.html.j2", **render_state(bench, s, page=True))
        return Response(html, content_type="text/html; charset=utf-8")

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)

    @app.get("/static/<name>")
    def static(name: str) -> Response:
        found = statics.get(name)
        if found is None:
            return refuse(404, "There is no such file.")
        return Response(found[0], content_type=found[1])

    def body() -> dict[str, Any]:
        data = request.get_json(silent=True)
        return data if isinstance(data, dict) else {}

    def version(data: dict[str, Any]) -> int | None:
        v = data.get("version")
        return v if isinstance(v, int) else None

    @app.post("/api/text")
    def text() -> Response:
        s = current()
        data = body()
        new = data.get("text")
        fmt = data.get("format")
        if not isinstance(new, str) or (fmt is not None and fmt not in TEXT_FORMATS):
            return refuse(400, "The page sent something plainlint does not understand.")
        with s.lock:
            if len(new.encode("utf-8")) > bench.limits.max_file_mb * 1_000_000:
                s.error = (f"your text is over the {bench.limits.max_file_mb:g} MB limit; "
                           "raise max-file-size-mb to check it")
                return state(s, 413)
            bench.set_text(s, new, fmt)
            return state(s)

    @app.post("/api/accept")
    def accept() -> Response:
        s = current()
        data = body()
        with s.lock:
            try:
                if data.get("all"):
                    bench.accept_all(s, version(data))
                else:
                    n = data.get("n")
                    bench.accept(s, n if isinstance(n, int) else 0, version(data))
            except Conflict as exc:
                s.notice = str(exc)[:1].upper() + str(exc)[1:] + "."
                return state(s, 409)
            return state(s)

    @app.post("/api/undo")
    def undo() -> Response:
        s = current()
        with s.lock:
            bench.undo(s)
            return state(s)

    @app.post("/api/rule")
    def rule() -> Response:
        s = current()
        data = body()
        rule_id = data.get("rule")
        if not isinstance(rule_id, str) or bench.registry.get(rule_id) is None:
            return refuse(400, "There is no such rule.")
        with s.lock:
            bench.set_rule(s, rule_id, bool(data.get("on")))
            return state(s)

    @app.post("/api/upload")
    def upload() -> Response:
        s = current()
        name = unquote(request.headers.get("X-File-Name", ""))
        if (request.content_length or 0) > bench.max_body():
            with s.lock:
                bench.too_big(s, name)
                return state(s, 413)
        data = request.get_data(cache=False)
        with s.lock:
            bench.upload(s, name, data)
            return state(s, 422 if s.error else 200)

    def attachment(name: str, data: bytes, kind: str) -> Response:
        out = Response(data, content_type=kind)
        ascii_name = name.encode("ascii", "replace").decode("ascii").replace('"', "'")
        out.headers["Content-Disposition"] = (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}")
        return out

    @app.get("/download/text")
    def download_text() -> Response:
        s = current()
        with s.lock:
            name, data = bench.download_text(s)
        return attachment(name, data, "text/plain; charset=utf-8")

    @app.get("/download/annotated.docx")
    def download_docx() -> Response:
        s = current()
        with s.lock:
            if not s.text.strip():
                return refuse(409, "There is no text to put in a Word copy yet.")
            try:
                name, data = bench.download_annotated(s)
            except InputError as exc:
                return refuse(422, f"The Word copy could not be made: {exc}")
        return attachment(name, data, "application/vnd.openxmlformats-officedocument."
                                      "wordprocessingml.document")

    return app
