"""Post or update plainlint's one pull-request comment, with the GitHub CLI (gh).

The comment is found by the hidden marker its body starts with, so each push updates the same
comment instead of adding another. Only a comment written by the account the action runs as is
ever edited (``gh api user`` says which; with the workflow's own token, which cannot ask, it is
github-actions[bot]): a person who pastes a local ``plainlint check --format markdown`` report,
which starts with the same marker, keeps their comment. The line after the marker carries this
use's identity (the ``name`` input, or one made from the job and paths), so two uses of the
action in one workflow keep a comment each.

Nothing here fails the job: a pull request from a fork has a read-only token and cannot
comment, and then the annotations and the job summary carry the report, as this step says in
the log.

Environment: GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY (set by GitHub);
GH_TOKEN, INPUT_COMMENT, REPORT (the Markdown report), FINDINGS, REPORT_NAME (set by the
action).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

MARKER = "<!-- plainlint-report -->"
#: Who comments when the action uses the workflow's GITHUB_TOKEN.
ACTIONS_BOT = "github-actions[bot]"


def identity_line(name: str) -> str:
    """The hidden line after the marker that says which use of the action wrote a comment."""
    safe = "".join(c for c in name if c.isalnum() or c in "._-/ ")[:100]
    return f"<!-- plainlint-id: {safe} -->"


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


def whoami() -> str:
    """The login of the account the token belongs to. The workflow's own token cannot ask
    (403): its comments are github-actions[bot]'s."""
    proc = gh("api", "user")
    if proc.returncode == 0:
        try:
            login = json.loads(proc.stdout).get("login")
        except (ValueError, AttributeError):
            login = None
        if isinstance(login, str) and login:
            return login
    return ACTIONS_BOT


def is_ours(body: str, name: str) -> bool:
    """Does a comment body come from this use of the action? The marker, then either this
    use's identity line or none (a comment from before identities)."""
    lines = body.lstrip().split("\n", 2)
    if lines[0].strip() != MARKER:
        return False
    second = lines[1].strip() if len(lines) > 1 else ""
    if second.startswith("<!-- plainlint-id:"):
        return second == identity_line(name)
    return True


def find_comment(repo: str, number: int, name: str) -> tuple[int | None, str | None]:
    """The id of this action's earlier comment (or None), and an error message if gh failed.
    Only comments by the account the action runs as count."""
    proc = gh("api", "--paginate", f"repos/{repo}/issues/{number}/comments")
    if proc.returncode != 0:
        return None, proc.stderr.strip() or "gh failed"
    try:
        found = comments(json_values(proc.stdout))
    except ValueError:
        return None, "gh returned something that is not JSON"
    candidates = [c for c in found if isinstance(c.get("body"), str)
                  and isinstance(c.get("id"), int) and is_ours(c["body"], name)]
    if not candidates:
        return None, None
    me = whoami().lower()
    for c in candidates:
        login = (c.get("user") or {}).get("login") if isinstance(c.get("user"), dict) else None
        if isinstance(login, str) and login.lower() == me:
            return c["id"], None
    return None, None


def with_identity(report: str, name: str) -> str:
    """The report with this use's identity line after the marker (in a file next to it)."""
    with open(report, encoding="utf-8") as fh:
        text = fh.read()
    first, _, rest = text.partition("\n")
    if first.strip() == MARKER:
        text = f"{MARKER}\n{identity_line(name)}\n{rest}"
    else:
        text = f"{MARKER}\n{identity_line(name)}\n{text}"
    path = report + ".comment.md"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


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
    name = os.environ.get("REPORT_NAME", "") or "plainlint-report"
    existing, problem = find_comment(repo, number, name)
    if problem:
        return cannot(problem.splitlines()[0])
    if existing is None and os.environ.get("FINDINGS", "") == "0":
        with open(report, encoding="utf-8") as fh:
            clean = "could not be checked" not in fh.read()
        if clean:
            log("No findings and no earlier comment: nothing to post.")
            return 0
    body = with_identity(report, name)
    if existing is not None:
        proc = gh("api", "--method", "PATCH", f"repos/{repo}/issues/comments/{existing}",
                  "-F", f"body=@{body}")
        done = f"Updated the plainlint comment ({existing})."
    else:
        proc = gh("api", "--method", "POST", f"repos/{repo}/issues/{number}/comments",
                  "-F", f"body=@{body}")
        done = "Posted the plainlint comment."
    if proc.returncode != 0:
        return cannot((proc.stderr.strip() or "gh failed").splitlines()[0])
    log(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
