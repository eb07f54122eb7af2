"""The README's sample output is what plainlint prints, so it cannot drift.

Each sample block in README.md is preceded by a comment naming the command that prints it:

    <!-- output: plainlint check examples/ (...) -->

This test runs that command on the bundled examples (for `fix`, on a copy) and checks that
every line of the block is a line of the real output. When a rule's wording changes, the test
says which line to replace and with what.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
_SAMPLE = re.compile(r"<!-- output: plainlint (?P<command>[^(]+?) \(.*?-->\n```\n(?P<body>.*?)```",
                     re.S)
SAMPLES = [(m.group("command").split(), m.group("body").splitlines())
           for m in _SAMPLE.finditer(README)]


def test_the_readme_has_samples_to_check() -> None:
    assert {c[0] for c, _ in SAMPLES} == {"check", "fix"}
    assert len(SAMPLES) >= 4


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], list[str]]:
    """What each command in the README prints, run once each on a copy of the examples."""
    out = {}
    for command in sorted({tuple(c) for c, _ in SAMPLES}):
        folder = tmp_path_factory.mktemp("readme")
        shutil.copytree(REPO / "examples", folder / "examples")  # fix writes: a copy
        args = [*command, "--no-cache"] if command[0] == "check" else list(command)
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(folder)
            mp.setenv("NO_COLOR", "1")
            result = CliRunner().invoke(main, args, catch_exceptions=False)
        out[command] = result.stdout.splitlines()
    return out


@pytest.mark.parametrize(("command", "lines"), SAMPLES,
                         ids=[f"{c[0]}-{n}" for n, (c, _) in enumerate(SAMPLES)])
def test_readme_sample_output_is_real(command: list[str], lines: list[str],
                                      outputs: dict[tuple[str, ...], list[str]]) -> None:
    printed = outputs[tuple(command)]
    for line in lines:
        if line in printed:
            continue
        head = line.split(" ", 1)[0]
        now = [p for p in printed if p.split(" ", 1)[0] == head]
        similar = "\n  ".join(now) or "(nothing like it)"
        pytest.fail(f"README.md shows a line `plainlint {' '.join(command)}` no longer "
                    f"prints:\n  {line}\nit prints:\n  {similar}")
