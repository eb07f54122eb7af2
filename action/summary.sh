#!/usr/bin/env bash
# Add the Markdown report to the job summary. This works for pull requests from forks too,
# whose read-only token cannot comment.
set -euo pipefail

if [ -n "${REPORT:-}" ] && [ -f "$REPORT" ]; then
  cat "$REPORT" >>"$GITHUB_STEP_SUMMARY"
else
  echo "plainlint did not produce a report: see the log of the step \"Check documents\"." \
    >>"$GITHUB_STEP_SUMMARY"
fi
