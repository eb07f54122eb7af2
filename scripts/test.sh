#!/usr/bin/env bash
# Sets up everything the tests need, then runs them. This is the README's test command and the
# one CI runs (.ci/run), so a missing install step fails here first.
#
#   ./scripts/test.sh               # all tests
#   ./scripts/test.sh -k config     # any pytest options
#   ./scripts/test.sh --setup-only  # everything but pytest (.ci/run then calls pytest itself)
#
# The virtual environment is .venv unless PLAINLINT_VENV names another.
set -euo pipefail
cd "$(dirname "$0")/.."

setup_only=""
if [ "${1:-}" = "--setup-only" ]; then
  setup_only=1
  shift
fi

venv="${PLAINLINT_VENV:-.venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi

# Debian packages that some tests drive for real (listed one a line, # for comments).
packages=$(grep -v '^\s*#' scripts/system-packages.txt | tr -s ' \n' ' ' || true)
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages the tests need:$missing" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Cannot install:$missing (run as root, or install them yourself)" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

"$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'

# axe-core, the accessibility rules the HTML report tests run inside Chromium, from npm.
axe_version="4.11.0"
tools="${PLAINLINT_TEST_TOOLS:-$PWD/.test-tools}"
axe="$tools/node_modules/axe-core/axe.min.js"
if ! grep -qs "\"version\": \"$axe_version\"" "$tools/node_modules/axe-core/package.json"; then
  command -v npm >/dev/null || { echo "npm is needed to install axe-core for the tests" >&2; exit 1; }
  npm install --silent --no-audit --no-fund --no-save --prefix "$tools" "axe-core@$axe_version" >/dev/null
fi
export PLAINLINT_AXE="$axe"
if [ -n "$setup_only" ]; then
  exit 0
fi
exec "$venv/bin/python" -m pytest "$@"
