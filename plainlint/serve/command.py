"""The `plainlint serve` command: options in, one start line out, exit code when stopped."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plainlint.cli import EXIT_ERROR, error


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but this computer's own address "
              "(127.0.0.1) needs --token or --token-file.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="The port to listen on; 0 picks a free one.")
@click.option("--no-browser", is_flag=True, help="Do not open the web browser.")
@click.option("--token", metavar="TOKEN",
              help="The token the start link carries (by default a new random one).")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the token from this file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file [default: the one `check` would use here].")
def serve(host: str, port: int, no_browser: bool, token: str | None, token_file: Path | None,
          config_path: Path | None) -> None:
    """Open a writing workbench in the web browser: paste or open a document, see its
    problems marked, make the safe swaps, and download the result.

    It prints one line, `plainlint serve: http://HOST:PORT/?token=TOKEN`, and serves until
    Ctrl+C. Only this computer can reach it unless --host says otherwise.
    """
    from plainlint.serve import ServeError, read_token, run

    ctx = click.get_current_context()
    try:
        secret = read_token(token, token_file)
        stopped = run(host, port, secret, config_path,
                      lambda line: click.echo(line) or sys.stdout.flush(),
                      open_browser=not no_browser)
    except ServeError as exc:
        error(str(exc))
        ctx.exit(EXIT_ERROR)
    click.echo("plainlint serve: stopped; its temporary files are removed", err=True)
    ctx.exit(128 + stopped.signum)
