"""The GitHub Action (action.yml), run up to GitHub's boundary.

A small stand-in for the Actions runner reads action.yml, evaluates the few expressions it uses,
and runs every shell step for real, in order, in a temporary git repository with a base and a
head commit, with the environment GitHub sets (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the event
payload ...). Only the very edge is replaced: `gh` is a recorded command line that logs its
arguments and answers as the GitHub API would. Steps that use other actions (setup-python,
upload-artifact, upload-sarif) belong to GitHub; the tests check whether they would run and with
what inputs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from plainlint.api import check_paths
from plainlint.model import Finding
from plainlint.reporters.common import plural
from tests.conftest import REPO
from tests.gitrepo import GIT_ENV, Repo

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
MARKER = "<!-- plainlint-report -->"
OWNER_REPO = "council/website"

BASE_PAGE = "# Bins\n\nBins are collected on Monday.\n\nOur stakeholders agreed.\n"
HEAD_PAGE = ("# Bins\n\nBins are collected on Monday.\n\nOur stakeholders agreed.\n\n"
             "We will invite residents going forward.\n")

FAKE_GH = """#!{python}
import json, os, sys
args = sys.argv[1:]
record = {{"args": args, "token": os.environ.get("GH_TOKEN")}}
for i, a in enumerate(args[:-1]):
    if a == "-F" and args[i + 1].startswith("body=@"):
        with open(args[i + 1][len("body=@"):], encoding="utf-8") as fh:
            record["body"] = fh.read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(record) + "\\n")
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path = next((a for a in args[1:] if not a.startswith("-")), "")
with open(os.environ["FAKE_GH_RESPONSES"], encoding="utf-8") as fh:
    responses = json.load(fh)
answer = responses.get(f"{{method}} {{path}}", responses.get(method, {{}}))
sys.stdout.write(answer.get("stdout", "[]" if method == "GET" else "{{}}"))
sys.stderr.write(answer.get("stderr", ""))
sys.exit(answer.get("status", 0))
"""

# -- a small stand-in for the Actions runner ------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||\(|\))|"
                    r"(?P<ref>[A-Za-z_][\w.-]*))")


def evaluate(expression: str, contexts: dict[str, Any]) -> Any:
    """Evaluate the subset of GitHub's expression syntax action.yml uses: context references,
    'strings', ==, !=, && and || (missing values are '')."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    expression = expression.strip()
    while pos < len(expression):
        m = _TOKEN.match(expression, pos)
        assert m and m.end() > pos, f"cannot read expression {expression!r} at {pos}"
        kind = m.lastgroup
        assert kind is not None
        tokens.append((kind, m.group(kind)))
        pos = m.end()

    def value(tok: tuple[str, str]) -> Any:
        kind, text = tok
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if text in ("true", "false"):
            return text == "true"
        node: Any = contexts
        for part in text.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return "" if node is None else node

    def eq(a: Any, b: Any) -> bool:
        return str(a).lower() == str(b).lower()

    def parse_or(i: int) -> tuple[Any, int]:
        left, i = parse_and(i)
        while i < len(tokens) and tokens[i] == ("op", "||"):
            right, i = parse_and(i + 1)
            left = left or right
        return left, i

    def parse_and(i: int) -> tuple[Any, int]:
        left, i = parse_cmp(i)
        while i < len(tokens) and tokens[i] == ("op", "&&"):
            right, i = parse_cmp(i + 1)
            left = left and right
        return left, i

    def parse_cmp(i: int) -> tuple[Any, int]:
        if tokens[i] == ("op", "("):
            left, i = parse_or(i + 1)
            assert tokens[i] == ("op", ")")
            i += 1
        else:
            left, i = value(tokens[i]), i + 1
        if i < len(tokens) and tokens[i][1] in ("==", "!="):
            op = tokens[i][1]
            right = value(tokens[i + 1])
            return (eq(left, right) if op == "==" else not eq(left, right)), i + 2
        return left, i

    result, end = parse_or(0)
    assert end == len(tokens), f"unread tokens in {expression!r}"
    return result


def substitute(text: str, contexts: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1), contexts)), text)


@dataclass
class Step:
    name: str
    id: str | None
    ran: bool
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""


@dataclass
class Run:
    steps: list[Step]
    gh_calls: list[dict[str, Any]]

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    @property
    def summary(self) -> str:
        return "".join(s.summary for s in self.steps)


def run_action(workspace: Path, tmp: Path, event_name: str, event: dict[str, Any],
               inputs: dict[str, str] | None = None,
               gh_responses: dict[str, Any] | None = None) -> Run:
    """Run action.yml's steps as the Actions runner would, in ``workspace``."""
    tmp.mkdir(parents=True, exist_ok=True)
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    gh_log = tmp / "gh.log"
    gh_log.write_text("")
    responses = tmp / "gh-responses.json"
    responses.write_text(json.dumps(gh_responses or {}))
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(event))
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)

    given = dict(inputs or {})
    given.setdefault("install", "skip")  # plainlint is installed in this test environment
    github = {"action_path": str(REPO), "event": event, "event_name": event_name,
              "repository": OWNER_REPO, "token": "ghs_faketoken", "workspace": str(workspace)}
    contexts: dict[str, Any] = {"github": github, "steps": {}, "inputs": {}}
    for name, spec in ACTION["inputs"].items():
        default = str(spec.get("default", ""))
        contexts["inputs"][name] = given.pop(name, substitute(default, contexts))
    assert not given, f"unknown inputs {given}"

    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("GITHUB_", "RUNNER_", "GIT_")) and k != "VIRTUAL_ENV"}
    base_env.update(GIT_ENV)
    base_env.update({
        "PATH": os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent),
                                 os.environ.get("PATH", "")]),
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(REPO),
        "GITHUB_WORKSPACE": str(workspace), "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_EVENT_NAME": event_name, "GITHUB_REPOSITORY": OWNER_REPO,
        "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "4242",
        "RUNNER_TEMP": str(runner_temp), "FAKE_GH_LOG": str(gh_log),
        "FAKE_GH_RESPONSES": str(responses), "HOME": str(tmp),
    })
    steps: list[Step] = []
    for n, spec in enumerate(ACTION["runs"]["steps"]):
        name = spec.get("name", f"step {n}")
        condition = spec.get("if")
        ran = bool(evaluate(condition, contexts)) if condition else True
        step = Step(name, spec.get("id"), ran, uses=spec.get("uses"))
        steps.append(step)
        if not ran:
            continue
        if "uses" in spec:  # another action: GitHub's side of the boundary
            step.with_ = {k: substitute(str(v), contexts) for k, v in spec.get("with", {}).items()}
            continue
        assert spec["shell"] == "bash"
        output = tmp / f"output-{n}"
        summary = tmp / f"summary-{n}"
        output.write_text("")
        summary.write_text("")
        env = dict(base_env)
        env.update({k: substitute(str(v), contexts) for k, v in spec.get("env", {}).items()})
        env["GITHUB_OUTPUT"] = str(output)
        env["GITHUB_STEP_SUMMARY"] = str(summary)
        script = tmp / f"step-{n}.sh"
        script.write_text(spec["run"], encoding="utf-8")
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=600)
        step.returncode, step.stdout, step.stderr = proc.returncode, proc.stdout, proc.stderr
        step.outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()
                            if "=" in line)
        step.summary = summary.read_text()
        if step.id:
            contexts["steps"][step.id] = {"outputs": step.outputs}
        if proc.returncode != 0:
            break  # a failing step ends the action
    calls = [json.loads(line) for line in gh_log.read_text().splitlines()]
    return Run(steps, calls)


# -- fixtures -----------------------------------------------------------------------------

@dataclass
class PullRequest:
    repo: Repo
    base: str
    head: str

    def event(self, fork: bool = False) -> dict[str, Any]:
        return {
            "action": "synchronize",
            "number": 7,
            "pull_request": {
                "number": 7,
                "base": {"sha": self.base, "ref": "main",
                         "repo": {"full_name": OWNER_REPO}},
                "head": {"sha": self.head, "ref": "feature",
                         "repo": {"full_name": "someone/website" if fork else OWNER_REPO}},
            },
            "repository": {"full_name": OWNER_REPO},
        }


def make_pr(root: Path, head_page: str = HEAD_PAGE) -> PullRequest:
    repo = Repo(root)
    repo.write("docs/bins.md", BASE_PAGE)
    repo.write("docs/parking.md", "Park on the road. Our stakeholders said so.\n")
    base = repo.commit("base")
    repo.branch("feature")
    repo.write("docs/bins.md", head_page)
    head = repo.commit("head")
    return PullRequest(repo, base, head)


@pytest.fixture
def pr(tmp_path: Path) -> PullRequest:
    return make_pr(tmp_path / "workspace")


def findings_in(path: Path) -> list[Finding]:
    """What `plainlint check` finds in a file or folder, every line of it."""
    result = check_paths([str(path)])
    assert not result.errors, result.errors
    return result.findings


def comments_page(*bodies: tuple[int, str, str]) -> str:
    return json.dumps([{"id": i, "body": body, "user": {"login": login, "type": "User"}}
                       for i, login, body in bodies])


# -- tests --------------------------------------------------------------------------------

def test_action_file_is_safe_and_complete() -> None:
    assert ACTION["runs"]["using"] == "composite"
    used: set[str] = set()
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            # Expressions go through env, never into a script (script injection).
            assert "${{" not in step["run"], step["name"]
            assert step["shell"] == "bash"
            script = re.search(r'"\$ACTION_PATH/(action/[\w.-]+)"', step["run"])
            assert script and (REPO / script.group(1)).is_file(), step["run"]
        used.update(re.findall(r"inputs\.([\w-]+)", json.dumps(step)))
    assert used == set(ACTION["inputs"]), set(ACTION["inputs"]) - used
    for name in ("exit-code", "findings", "markdown", "json", "sarif"):
        assert name in ACTION["outputs"]
    for script in (REPO / "action").glob("*.sh"):
        proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_pull_request_posts_one_comment_and_annotates_changed_lines(pr: PullRequest,
                                                                   tmp_path: Path) -> None:
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event())
    check = run.step("Check documents")
    assert check.returncode == 0, check.stderr
    # Annotations only for the changed line (the old "stakeholders" lines are left out).
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::warning ")]
    assert annotations == [
        "::warning file=docs/bins.md,line=7,endLine=7,col=26,endColumn=39,title=jargon "
        "(plainlint)::“going forward” is jargon: A filler phrase meaning from now on, which can "
        "usually be left out.%0ATry: from now on; in future; leave it out"]
    assert check.outputs["exit-code"] == "1" and check.outputs["findings"] == "1"
    # The job summary has the report (a fork's read-only token cannot take this away).
    assert run.summary.startswith(MARKER)
    assert "### plainlint: 1 finding in 1 file" in run.summary
    assert "**1 changed file checked**" in run.summary
    # Every other finding in the page (the old "stakeholders" line, and whatever else the
    # rules find in lines the pull request did not touch) is counted as left out.
    unchanged = [f for f in findings_in(pr.repo.root / "docs/bins.md") if f.line != 7]
    assert "stakeholders" in [f.text for f in unchanged]
    assert (f"Only findings on lines changed since {pr.base[:10]} are shown; "
            f"{plural(len(unchanged), 'finding')} on unchanged lines left out.") in run.summary
    assert "[Full report](https://github.com/council/website/actions/runs/4242)" in run.summary
    # One comment, posted with gh at the edge.
    assert [c["args"] for c in run.gh_calls] == [
        ["api", "--paginate", f"repos/{OWNER_REPO}/issues/7/comments"],
        ["api", "--method", "POST", f"repos/{OWNER_REPO}/issues/7/comments",
         "-F", f"body=@{check.outputs['markdown']}.comment.md"],
    ]
    # The same report, with this use's identity on the line after the marker.
    marker, identity, rest = run.gh_calls[1]["body"].split("\n", 2)
    assert marker == MARKER and identity == f"<!-- plainlint-id: {check.outputs['name']} -->"
    assert f"{MARKER}\n{rest}" == run.summary
    assert {c["token"] for c in run.gh_calls} == {"ghs_faketoken"}
    # The HTML report needs 'plainlint report' (another part of plainlint, not yet here).
    html = run.step("HTML report")
    has_report = subprocess.run([sys.executable, "-m", "plainlint", "report", "--help"],
                                capture_output=True).returncode == 0
    upload = run.step("Upload the HTML report")
    if has_report:  # once `plainlint report` exists, the report is made and uploaded
        assert html.returncode == 0 and Path(html.outputs["dir"]).is_dir()
        assert upload.ran and upload.with_["path"] == html.outputs["dir"]
    else:
        assert "HTML report skipped: this version of plainlint has no 'report' command." in (
            html.stdout)
        assert not upload.ran
    assert not run.step("Upload SARIF to code scanning").ran
    assert not run.step("Set up Python").ran  # install: skip
    result = run.step("Result")
    assert result.returncode == 1
    assert "findings at or above fail-on" in result.stdout


def test_a_second_push_updates_the_same_comment(pr: PullRequest, tmp_path: Path) -> None:
    page1 = comments_page((11, "alice", "Looks good"), (12, "bob", "> " + MARKER + " quoted"))
    page2 = comments_page((99, "github-actions[bot]", MARKER + "\n### plainlint: old"))
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(),
                     gh_responses={"GET": {"stdout": page1 + page2}})
    methods = [c["args"][:4] for c in run.gh_calls]
    # Listing, asking who the token is (the workflow's token cannot say: github-actions[bot]),
    # then editing that account's comment.
    assert methods[1] == ["api", "user"]
    assert methods[2] == ["api", "--method", "PATCH", f"repos/{OWNER_REPO}/issues/comments/99"]
    assert len(run.gh_calls) == 3
    assert "Updated the plainlint comment (99)." in run.step("Pull-request comment").stdout


def test_fork_pull_request_still_gets_annotations_and_summary(pr: PullRequest,
                                                             tmp_path: Path) -> None:
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(fork=True))
    assert "::warning file=docs/bins.md,line=7" in run.step("Check documents").stdout
    assert run.summary.startswith(MARKER)
    assert run.gh_calls == []
    comment = run.step("Pull-request comment")
    assert comment.returncode == 0
    assert "comes from a fork" in comment.stdout
    assert run.step("Result").returncode == 1


def test_read_only_token_is_a_warning_not_a_failure(pr: PullRequest, tmp_path: Path) -> None:
    forbidden = {"status": 1, "stderr": "gh: Resource not accessible by integration "
                 "(HTTP 403)\n"}
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request_target", pr.event(),
                     gh_responses={"POST": forbidden})
    comment = run.step("Pull-request comment")
    assert comment.returncode == 0
    assert comment.stdout.startswith("::warning title=plainlint::Could not post the "
                                     "pull-request comment (gh: Resource not accessible by "
                                     "integration (HTTP 403))")
    assert run.summary.startswith(MARKER)


def test_clean_pull_request_posts_nothing_but_updates_an_old_comment(tmp_path: Path) -> None:
    clean = make_pr(tmp_path / "workspace", BASE_PAGE + "\nWe will talk to residents.\n")
    run = run_action(clean.repo.root, tmp_path / "r1", "pull_request", clean.event())
    assert [c["args"][:2] for c in run.gh_calls] == [["api", "--paginate"]]
    assert "nothing to post" in run.step("Pull-request comment").stdout
    assert run.step("Result").returncode == 0
    assert "### plainlint: no findings" in run.summary

    old = comments_page((5, "github-actions[bot]", MARKER + "\nold findings"))
    run = run_action(clean.repo.root, tmp_path / "r2", "pull_request", clean.event(),
                     gh_responses={"GET": {"stdout": old}})
    assert run.gh_calls[-1]["args"][:4] == ["api", "--method", "PATCH",
                                           f"repos/{OWNER_REPO}/issues/comments/5"]
    assert "### plainlint: no findings" in run.gh_calls[-1]["body"]


def test_comment_off_and_sarif_on(pr: PullRequest, tmp_path: Path) -> None:
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(),
                     inputs={"comment": "false", "sarif": "true"})
    assert run.gh_calls == []
    upload = run.step("Upload SARIF to code scanning")
    assert upload.ran and upload.uses == "github/codeql-action/upload-sarif@v3"
    sarif = json.loads(Path(upload.with_["sarif_file"]).read_text())
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "jargon"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/bins.md")


def test_all_files_and_fail_on(pr: PullRequest, tmp_path: Path) -> None:
    run = run_action(pr.repo.root, tmp_path / "runner", "push", {"before": "0" * 40},
                     inputs={"changed-only": "false", "fail-on": "error", "paths": "docs"})
    check = run.step("Check documents")
    every = findings_in(pr.repo.root / "docs")  # every file, every line
    assert len(every) > 1 and check.outputs["findings"] == str(len(every))
    assert {"stakeholders", "going forward"} <= {f.text for f in every}
    assert run.step("Result").returncode == 0
    assert "Not a pull request" in run.step("Pull-request comment").stdout


def test_shallow_checkout_fetches_the_base(tmp_path: Path) -> None:
    """actions/checkout fetches one commit by default: the action fetches what it needs."""
    upstream = make_pr(tmp_path / "upstream")
    workspace = tmp_path / "workspace"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "feature",
                    f"file://{upstream.repo.root}", str(workspace)], check=True)
    run = run_action(workspace, tmp_path / "runner", "pull_request", upstream.event())
    check = run.step("Check documents")
    assert "Fetching history to find the merge base" in check.stdout
    assert "::warning file=docs/bins.md,line=7" in check.stdout
    assert check.outputs["findings"] == "1"


def test_bad_base_fails_clearly(pr: PullRequest, tmp_path: Path) -> None:
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(),
                     inputs={"base": "no-such-branch"})
    check = run.step("Check documents")
    assert "plainlint: error: --diff-base: 'no-such-branch' is not a commit" in check.stderr
    assert check.outputs["exit-code"] == "2"
    assert "plainlint did not produce a report" in run.summary
    assert "plainlint produced no report" in run.step("Pull-request comment").stdout
    result = run.step("Result")
    assert result.returncode == 2 and "could not check everything" in result.stdout


def test_expression_evaluator() -> None:
    ctx = {"inputs": {"a": "true", "b": ""}, "steps": {"s": {"outputs": {"x": "1"}}}}
    assert evaluate("inputs.a == 'true' && steps.s.outputs.x != ''", ctx) is True
    assert evaluate("inputs.b != ''", ctx) is False
    assert evaluate("steps.nope.outputs.x != ''", ctx) is False
    assert substitute("v=${{ steps.s.outputs.x }}", ctx) == "v=1"


# -- comment ownership, inputs, install ------------------------------------------------------

NO_USER = {"status": 1, "stderr": "gh: Resource not accessible by integration (HTTP 403)\n"}


def test_a_pasted_report_by_a_person_is_never_overwritten(pr: PullRequest,
                                                           tmp_path: Path) -> None:
    """`check --format markdown` starts with the marker too: a person who pastes a local report
    into the pull request must not have their comment edited by the action."""
    pasted = comments_page((31, "alice", MARKER + "\n### plainlint: my local run"))
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(),
                     gh_responses={"GET": {"stdout": pasted}, "GET user": NO_USER})
    posts = [c for c in run.gh_calls if "--method" in c["args"]]
    assert [c["args"][:4] for c in posts] == [
        ["api", "--method", "POST", f"repos/{OWNER_REPO}/issues/7/comments"]]
    # The action's own comment, once posted, is found again by its author and identity.
    body = posts[0]["body"]
    ours = comments_page((31, "alice", MARKER + "\n### plainlint: my local run"),
                         (32, "github-actions[bot]", body))
    run = run_action(pr.repo.root, tmp_path / "r2", "pull_request", pr.event(),
                     gh_responses={"GET": {"stdout": ours}, "GET user": NO_USER})
    assert [c["args"][:4] for c in run.gh_calls if "--method" in c["args"]] == [
        ["api", "--method", "PATCH", f"repos/{OWNER_REPO}/issues/comments/32"]]


def test_a_personal_token_updates_its_own_comment(pr: PullRequest, tmp_path: Path) -> None:
    """With a personal or app token the comments are that account's: `gh api user` says who."""
    page = comments_page((40, "github-actions[bot]", MARKER + "\nold, from another token"),
                         (41, "docs-bot", MARKER + "\nold"))
    run = run_action(pr.repo.root, tmp_path / "runner", "pull_request", pr.event(),
                     gh_responses={"GET": {"stdout": page},
                                   "GET user": {"stdout": '{"login": "docs-bot"}'}})
    assert [c["args"][:4] for c in run.gh_calls if "--method" in c["args"]] == [
        ["api", "--method", "PATCH", f"repos/{OWNER_REPO}/issues/comments/41"]]


def test_two_uses_in_one_workflow_keep_their_own_comment_and_artefact(
        pr: PullRequest, tmp_path: Path) -> None:
    first = run_action(pr.repo.root, tmp_path / "r1", "pull_request", pr.event(),
                       inputs={"paths": "docs"}, gh_responses={"GET user": NO_USER})
    second = run_action(pr.repo.root, tmp_path / "r2", "pull_request", pr.event(),
                        inputs={"paths": "docs/bins.md", "name": "bins-page"},
                        gh_responses={"GET user": NO_USER})
    names = [r.step("Upload the HTML report").with_.get("name") for r in (first, second)]
    upload_ran = first.step("Upload the HTML report").ran
    if upload_ran:
        assert names[0] != names[1] and names[1] == "bins-page"
    assert first.step("Check documents").outputs["name"] != "bins-page"
    # The second use's comment carries its own identity, so it never edits the first's.
    body1 = next(c["body"] for c in first.gh_calls if "body" in c)
    page = comments_page((50, "github-actions[bot]", body1))
    third = run_action(pr.repo.root, tmp_path / "r3", "pull_request", pr.event(),
                       inputs={"paths": "docs/bins.md", "name": "bins-page"},
                       gh_responses={"GET": {"stdout": page}, "GET user": NO_USER})
    assert [c["args"][2] for c in third.gh_calls if "--method" in c["args"]] == ["POST"]


def test_multi_line_paths_and_quoted_args(tmp_path: Path) -> None:
    pr = make_pr(tmp_path / "workspace")
    pr.repo.write("my docs/extra page.md", "We will engage stakeholders.\n")
    pr.repo.write("config dir/my config.toml", "[tool.plainlint]\nignore = [\"latin\"]\n")
    pr.repo.commit("a folder with a space")
    run = run_action(pr.repo.root, tmp_path / "runner", "push", {"before": "0" * 40},
                     inputs={"changed-only": "false",
                             "paths": "docs/bins.md\nmy docs\n\n  docs/parking.md  \n",
                             "args": '--config "config dir/my config.toml" --select jargon'})
    check = run.step("Check documents")
    assert check.outputs["exit-code"] == "1", check.stderr
    report = json.loads(Path(check.outputs["json"]).read_text())
    assert sorted(f["path"] for f in report["files"]) == [
        "docs/bins.md", "docs/parking.md", "my docs/extra page.md"]
    assert {f["rule"] for file in report["files"] for f in file["findings"]} == {"jargon"}
    # An unclosed quote is one clear error, and nothing is run.
    run = run_action(pr.repo.root, tmp_path / "r2", "push", {"before": "0" * 40},
                     inputs={"changed-only": "false", "args": '--config "my config.toml'})
    check = run.step("Check documents")
    assert check.returncode != 0
    assert "::error title=plainlint::args: No closing quotation" in check.stdout


def _tiny_wheel(folder: Path) -> Path:
    """A wheel of a stand-in 'plainlint' whose command prints a version: installs offline."""
    import zipfile

    wheel = folder / "plainlint-0.0.1-py3-none-any.whl"
    info = "plainlint-0.0.1.dist-info"
    files = {
        "plainlint_standin.py": "def main():\n    print('plainlint 0.0.1 (stand-in)')\n",
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: plainlint\nVersion: 0.0.1\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                         "Tag: py3-none-any\n",
        f"{info}/entry_points.txt": "[console_scripts]\nplainlint = plainlint_standin:main\n",
    }
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
        z.writestr(f"{info}/RECORD", "".join(f"{n},,\n" for n in files) + f"{info}/RECORD,,\n")
    return wheel


def test_install_always_uses_a_virtual_environment(tmp_path: Path) -> None:
    """python-version: '' uses the runner's python3, which PEP 668 keeps pip out of: the
    action installs into a virtual environment of its own, with pip's downloads cached."""
    wheel = _tiny_wheel(tmp_path)
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Install plainlint")
    runner_temp, home = tmp_path / "runner-temp", tmp_path / "home"
    runner_temp.mkdir()
    github_path = tmp_path / "github-path"
    github_path.write_text("")
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update({"PLAINLINT_INSTALL": str(wheel), "ACTION_PATH": str(REPO),
                "RUNNER_TEMP": str(runner_temp), "HOME": str(home),
                "GITHUB_PATH": str(github_path), "PIP_NO_INDEX": "1",
                "PIP_REQUIRE_VIRTUALENV": "1",  # pip refuses any Python outside a venv
                "PATH": "/usr/bin:/bin"})
    script = REPO / re.search(r'"\$ACTION_PATH/(action/[\w.-]+)"', step["run"]).group(1)
    proc = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "plainlint 0.0.1 (stand-in)" in proc.stdout
    (venv_bin,) = github_path.read_text().splitlines()
    assert Path(venv_bin, "plainlint").is_file() and Path(venv_bin).parent.parent == runner_temp
    assert (home / ".cache" / "plainlint-pip").is_dir()


def test_action_caches_downloads_and_results() -> None:
    steps = {s.get("name"): s for s in ACTION["runs"]["steps"]}
    pip_cache = steps["Cache pip downloads"]
    assert pip_cache["uses"].startswith("actions/cache@")
    assert pip_cache["with"]["path"] == "~/.cache/plainlint-pip"
    results = steps["Cache results"]
    paths = results["with"]["path"].split()
    assert ".plainlint_cache" in " ".join(paths) and "~/.cache/plainlint" in paths
    # Never restored where a pull request from a fork could have written it.
    assert "pull_request_target" in results["if"]


def test_docs_pin_to_a_commit_until_a_release_exists() -> None:
    """No tag exists yet: README and docs must not tell people to use one (v0.1.0, @v1)."""
    import plainlint
    from plainlint.config import tomllib

    pins = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        pins += [(doc.name, m) for m in re.findall(r"OWNER/plainlint@([\w.-]+)", text)]
        pins += [(doc.name, m) for m in re.findall(r"^\s*rev:\s*([\w.-]+)", text, re.M)]
    assert pins
    for doc, pin in pins:
        assert pin == "COMMIT_SHA" or re.fullmatch(r"[0-9a-f]{40}", pin), (doc, pin)
    # The package's version is the one in plainlint/__init__.py, which a release tag names.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["hatch"]["version"]["path"] == "plainlint/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", plainlint.__version__)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    minimal = readme.split("### GitHub Action", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(minimal)
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
