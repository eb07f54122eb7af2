#!/usr/bin/env bash
# Fail the job when plainlint found problems at or above fail-on, or could not check a file.
set -euo pipefail

code="${EXIT_CODE:-}"
case "$code" in
  0) echo "plainlint: no findings at or above fail-on." ;;
  1) echo "plainlint: findings at or above fail-on: see the annotations, the job summary or the comment." ;;
  "") echo "plainlint did not run: see the step \"Check documents\"."; code=2 ;;
  *) echo "plainlint could not check everything: see the log of the step \"Check documents\"." ;;
esac
exit "$code"
