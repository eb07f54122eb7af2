#!/usr/bin/env bash
# Install plainlint for the action: its own copy, a pip requirement, or nothing ("skip").
set -euo pipefail

case "${PLAINLINT_INSTALL:-action}" in
  skip)
    if ! command -v plainlint >/dev/null; then
      echo "::error title=plainlint::install is 'skip' but there is no plainlint on PATH"
      exit 1
    fi
    ;;
  action | "")
    python3 -m pip install --disable-pip-version-check --quiet "$ACTION_PATH"
    ;;
  *)
    python3 -m pip install --disable-pip-version-check --quiet "$PLAINLINT_INSTALL"
    ;;
esac
plainlint --version
