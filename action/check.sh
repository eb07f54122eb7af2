#!/usr/bin/env bash
# Run plainlint once: annotations on standard output (--format github) and the Markdown, JSON
# and SARIF reports saved from the same run. The step itself never fails here: the exit code
# goes to the step's outputs, so the summary and comment steps still run; the last step of the
# action fails the job.
set -euo pipefail

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/plainlint"
mkdir -p "$out"
rm -f "$out/comment.md" "$out/plainlint.json" "$out/plainlint.sarif"

base=""
if [ "${INPUT_CHANGED_ONLY:-true}" = "true" ]; then
  base="${INPUT_BASE:-}"
  [ -n "$base" ] || base="${PR_BASE_SHA:-}"
  [ -n "$base" ] || base="${PUSH_BEFORE:-}"
  # A push that creates a branch has no "before" commit (all zeros): check everything.
  case "$base" in *[!0]*) ;; *) base="" ;; esac
fi

if [ -n "$base" ]; then
  # The default checkout is shallow (fetch-depth: 1), so the base and the history linking it
  # to HEAD may be missing. Fetch what the merge base needs; fetch-depth: 0 avoids this.
  if ! git merge-base "$base" HEAD >/dev/null 2>&1; then
    if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
      echo "Fetching history to find the merge base with $base (fetch-depth: 0 skips this)"
      git fetch --no-tags --quiet --unshallow origin || true
    fi
    if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
      git fetch --no-tags --quiet origin "$base" || true
    fi
  fi
fi

# paths: one a line (a YAML block) or separated by spaces; args: shell-like words with quotes.
# Split by inputs.py, which never evaluates anything (see there).
for input in paths args; do
  if ! python3 "$ACTION_PATH/action/inputs.py" "$input" >"$out/$input.list" 2>"$out/inputs.err"
  then
    cat "$out/inputs.err"
    exit 2
  fi
done
mapfile -d '' paths <"$out/paths.list"
mapfile -d '' extra <"$out/args.list"

# A name for this use of the action: the artefact's, and the identity in its comment, so two
# uses in one workflow do not clash. The input, or the job's id and the paths checked.
name="${INPUT_NAME:-}"
if [ -z "$name" ]; then
  name="plainlint-report-${GITHUB_JOB:-job}"
  if [ "${paths[*]}" != "." ]; then
    name="$name-$(printf '%s\n' "${paths[@]}" | python3 -c 'import re, sys
words = re.sub(r"[^A-Za-z0-9._-]+", "-", " ".join(sys.stdin.read().split())).strip("-.")
print(words[:60] or "paths")')"
  fi
fi
echo "name=$name" >>"$GITHUB_OUTPUT"
args=(check --format github --fail-on "${INPUT_FAIL_ON:-warning}"
      --save "markdown=$out/comment.md" --save "json=$out/plainlint.json"
      --save "sarif=$out/plainlint.sarif")
if [ -n "$base" ]; then
  args+=(--diff-base "$base")
fi

set +e
plainlint "${args[@]}" "${extra[@]}" -- "${paths[@]}"
code=$?
set -e

findings=0
if [ -f "$out/plainlint.json" ]; then
  findings=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$out/plainlint.json")
fi
{
  echo "exit-code=$code"
  echo "findings=$findings"
  [ -f "$out/comment.md" ] && echo "markdown=$out/comment.md"
  [ -f "$out/plainlint.json" ] && echo "json=$out/plainlint.json"
  [ -f "$out/plainlint.sarif" ] && echo "sarif=$out/plainlint.sarif"
} >>"$GITHUB_OUTPUT"
exit 0
