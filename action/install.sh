#!/usr/bin/env bash
# Install plainlint for the action: its own copy, a pip requirement, or nothing ("skip").
#
# Always into a virtual environment of the action's own (in RUNNER_TEMP), never into the
# runner's Python: current Ubuntu runners mark their python3 as externally managed (PEP 668),
# and a job's other tools should not see plainlint's dependencies. The environment's bin folder
# goes on PATH for the later steps. pip's downloads are kept in ~/.cache/plainlint-pip, which
# the action caches between runs (actions/cache), so spaCy is not downloaded every time.
set -euo pipefail

install="${PLAINLINT_INSTALL:-action}"
if [ "$install" = "skip" ]; then
  if ! command -v plainlint >/dev/null; then
    echo "::error title=plainlint::install is 'skip' but there is no plainlint on PATH"
    exit 1
  fi
  plainlint --version
  exit 0
fi
[ "$install" != "action" ] && [ -n "$install" ] || install="$ACTION_PATH"

venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/plainlint-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
export PIP_CACHE_DIR="${HOME}/.cache/plainlint-pip"
mkdir -p "$PIP_CACHE_DIR"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet "$install"
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$venv/bin" >>"$GITHUB_PATH"
fi
"$venv/bin/plainlint" --version
