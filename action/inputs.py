"""Split the action's ``paths`` and ``args`` inputs into arguments, safely.

``paths``: one path a line when the input has several lines (a YAML block), so a path may hold
spaces; on one line, words separated by spaces, with shell-like quotes ("my docs" counts as one).
``args``: shell-like words, quotes honoured (``--config "my config.toml"``). Nothing is ever
evaluated: no variables, globs, command substitution or redirection, only quotes and
backslashes, as Python's shlex reads them.

Prints the arguments separated by NUL bytes, for bash's ``mapfile -d ''``. A problem (an
unclosed quote) is one ``::error`` line on standard error and exit code 2.

Usage: python3 inputs.py paths|args  (reads INPUT_PATHS or INPUT_ARGS)
"""

from __future__ import annotations

import os
import shlex
import sys


def split_paths(value: str) -> list[str]:
    lines = [line.strip() for line in value.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if len(lines) > 1:
        return lines
    return shlex.split(lines[0]) if lines else []


def split_args(value: str) -> list[str]:
    return shlex.split(value, comments=False, posix=True)


def main(argv: list[str]) -> int:
    which = argv[1] if len(argv) > 1 else ""
    if which not in ("paths", "args"):
        print("usage: inputs.py paths|args", file=sys.stderr)
        return 2
    value = os.environ.get(f"INPUT_{which.upper()}", "")
    try:
        words = split_paths(value) if which == "paths" else split_args(value)
    except ValueError as exc:
        print(f"::error title=plainlint::{which}: {exc} in {value!r}", file=sys.stderr)
        return 2
    if which == "paths" and not words:
        words = ["."]
    sys.stdout.write("".join(w + "\0" for w in words))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
