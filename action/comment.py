"""Post or update plainlint's one pull-request comment, with the GitHub CLI (gh).

The comment is found by the hidden marker its body starts with, so each push updates the same
comment instead of adding another. Nothing here fails the job: a pull request from a fork has a
read-only token and cannot comment, and then the annotations and the job summary carry the
report, as this step says in the log.

Environment: GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY (set by GitHub);
GH_TOKEN, INPUT_COMMENT, REPORT (the Markdown report), FINDINGS (set by the action).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

MARKER = "<!-- plainlint-report -->"


def log(message: str) -> None:
    print(message, flush=True)


def gh(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["gh", *args], capture_output=True, text=True)
    except FileNotFoundError:
        return subprocess.CompletedProcess(
            ["gh", *args], 127, "", "the GitHub CLI (gh) is not installed")


def json_values(text: str) -> list[Any]:
    """Every JSON value in ``text``: gh --paginate prints one array per page, back to back."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return values
        value, i = decoder.raw_decode(text, i)
        values.append(value)


def comments(pages: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for page in pages:
        if isinstance(page, list):
            for item in page:
                if isinstance(item, list):
                    out.extend(c for c in item if isinstance(c, dict))
                elif isinstance(item, dict):
                    out.append(item)
        elif isinstance(page, dict):
            out.append(page)
    return out


def find_comment(repo: str, number: int) -> tuple[int | None, str | None]:
    """The id of plainlint's earlier comment (or None), and an error message if gh failed."""
    proc = gh("api", "--paginate", f"repos/{repo}/issues/{number}/comments")
    if proc.returncode != 0:
        return None, proc.stderr.strip() or "gh failed"
    try:
        found = comments(json_values(proc.stdout))
    except ValueError:
        return None, "gh returned something that is not JSON"
    for c in found:
        body = c.get("body")
        if isinstance(body, str) and body.lstrip().startswith(MARKER) and isinstance(
                c.get("id"), int):
            return c["id"], None
    return None, None


def cannot(reason: str) -> int:
    log(f"::warning title=plainlint::Could not post the pull-request comment ({reason}). "
        "The annotations and the job summary have the report.")
    return 0


def main() -> int:
    if os.environ.get("INPUT_COMMENT", "true").strip().lower() != "true":
        log("Pull-request comment turned off (comment: false).")
        return 0
    event_path = os.environ.get("GITHUB_EVENT_PATH", "")
    try:
        with open(event_path, encoding="utf-8") as fh:
            event = json.load(fh)
    except (OSError, ValueError):
        log("No event payload: not running in a pull request, so no comment.")
        return 0
    pr = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pr, dict) or not isinstance(pr.get("number"), int):
        log("Not a pull request: no comment.")
        return 0
    repo = os.environ.get("GITHUB_REPOSITORY", "")
    head_repo = ((pr.get("head") or {}).get("repo") or {}).get("full_name")
    if os.environ.get("GITHUB_EVENT_NAME") == "pull_request" and head_repo not in (None, repo):
        log("::notice title=plainlint::This pull request comes from a fork, whose token "
            "cannot comment. The annotations and the job summary have the report.")
        return 0
    report = os.environ.get("REPORT", "")
    if not report or not os.path.isfile(report):
        return cannot("plainlint produced no report")
    number = pr["number"]
    existing, problem = find_comment(repo, number)
    if problem:
        return cannot(problem.splitlines()[0])
    if existing is None and os.environ.get("FINDINGS", "") == "0":
        with open(report, encoding="utf-8") as fh:
            clean = "could not be checked" not in fh.read()
        if clean:
            log("No findings and no earlier comment: nothing to post.")
            return 0
    if existing is not None:
        proc = gh("api", "--method", "PATCH", f"repos/{repo}/issues/comments/{existing}",
                  "-F", f"body=@{report}")
        done = f"Updated the plainlint comment ({existing})."
    else:
        proc = gh("api", "--method", "POST", f"repos/{repo}/issues/{number}/comments",
                  "-F", f"body=@{report}")
        done = "Posted the plainlint comment."
    if proc.returncode != 0:
        return cannot((proc.stderr.strip() or "gh failed").splitlines()[0])
    log(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
