#!/usr/bin/env bash
# Make the HTML report of the checked documents, when this plainlint has the 'report' command
# (it is new; older versions skip this step with a note). The report covers the whole of each
# checked document, not only the changed lines.
set -euo pipefail

if ! plainlint report --help >/dev/null 2>&1; then
  echo "HTML report skipped: this version of plainlint has no 'report' command."
  exit 0
fi
if [ -z "${JSON_REPORT:-}" ] || [ ! -f "$JSON_REPORT" ]; then
  echo "HTML report skipped: the check produced no results."
  exit 0
fi
mapfile -d '' files < <(python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    sys.stdout.write(f["path"] + "\0")' "$JSON_REPORT")
if [ "${#files[@]}" -eq 0 ]; then
  echo "HTML report skipped: no documents were checked."
  exit 0
fi
dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/plainlint/html"
if plainlint report -o "$dir" -- "${files[@]}"; then
  echo "dir=$dir" >>"$GITHUB_OUTPUT"
else
  echo "::warning title=plainlint::The HTML report could not be made; the other reports are unaffected."
fi
