"""`plainlint serve`: a writing workbench in the browser, for people who never open a terminal.

`Workbench` (``workbench.py``) holds the writers' sessions and calls the same `plainlint.api`
as the CLI; ``app.py`` is the Flask application in front of it, with every safety check;
``views.py`` renders the page from the HTML report's view model and macros; `run` serves it
with waitress until Ctrl+C. See docs/workbench.md.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import shutil
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ServeError(Exception):
    """The workbench cannot start; the message is one line."""


@dataclass
class Stopped:
    """How serving ended: the signal that stopped it."""

    signum: int


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(token: str | None, token_file: Path | None) -> str | None:
    if token is not None and token_file is not None:
        raise ServeError("give --token or --token-file, not both")
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ServeError(f"{token_file}: cannot read the token file ({exc})") from None
        if not token:
            raise ServeError(f"{token_file}: the token file is empty")
    if token is not None:
        token = token.strip()
        if len(token) < 16:
            raise ServeError("the token must be at least 16 characters long")
        if not token.isprintable() or " " in token:
            raise ServeError("the token must be one word of printable characters")
    return token


def run(host: str, port: int, token: str | None, config_path: Path | None,
        announce: Callable[[str], None], open_browser: bool = True) -> Stopped:
    """Serve the workbench until a signal; return it. Nothing is written to disk except in a
    private temporary folder, which is removed however serving ends."""
    if not is_loopback(host) and token is None:
        raise ServeError(
            f"--host {host} lets other computers reach the workbench: give --token or "
            "--token-file too, and serve it behind a reverse proxy with TLS (see "
            "docs/workbench.md)")
    token = token or secrets.token_urlsafe(24)
    private = Path(tempfile.mkdtemp(prefix="plainlint-serve-"))
    os.chmod(private, 0o700)
    saved_tempdir = tempfile.tempdir
    tempfile.tempdir = str(private)  # anything a library spools goes here, and goes at exit
    stopped: list[int] = []

    def stop(signum: int, frame: Any) -> None:
        stopped.append(signum)
        raise KeyboardInterrupt(signum)

    handlers = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM,
                                                    signal.SIGHUP)}
    try:
        from waitress.server import create_server

        from plainlint.api import check_text
        from plainlint.serve.app import JSON_MARGIN, create_app
        from plainlint.serve.workbench import Workbench

        bench = Workbench(config_path)
        check_text("We will utilise this to engage stakeholders. Residents will be assessed by "
                   "the council, which provides support to carers.")
        # Up to twice the limit the application reads the headers and says, in the page, which
        # limit a file is over; past that the server stops reading by itself.
        try:
            server = create_server(lambda e, r: app(e, r), host=host, port=port, threads=4,
                                   max_request_body_size=2 * bench.max_body() + JSON_MARGIN,
                                   ident="plainlint",
                                   # A reverse proxy on this machine may say the browser
                                   # came over HTTPS (the cookie is then Secure); no one
                                   # else's forwarding headers are believed.
                                   trusted_proxy="127.0.0.1",
                                   trusted_proxy_headers={"x-forwarded-proto"},
                                   clear_untrusted_proxy_headers=True)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        bound = server.effective_port  # type: ignore[union-attr]
        app = create_app(bench, token, host, int(bound))
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{bound}/?token={token}"
        announce(f"plainlint serve: {url}")
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        try:
            server.run()
        except KeyboardInterrupt as exc:
            if not stopped:
                stopped.append(exc.args[0] if exc.args and isinstance(exc.args[0], int)
                               else signal.SIGINT)
        if not stopped:
            stopped.append(signal.SIGINT)
        return Stopped(stopped[0])
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
        tempfile.tempdir = saved_tempdir
        shutil.rmtree(private, ignore_errors=True)
