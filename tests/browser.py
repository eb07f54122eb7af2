"""Real headless Chromium for the tests that open pages: the HTML report and `plainlint serve`.

Debian's ``chromium`` driven by Playwright (which never downloads a browser here), with the
flags this closed network needs, and axe-core from npm for the accessibility checks.
``./scripts/test.sh`` installs both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

CHROMIUM = Path(os.environ.get("PLAINLINT_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("PLAINLINT_AXE",
                          REPO / ".test-tools" / "node_modules" / "axe-core" / "axe.min.js"))
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium() -> Iterator[Any]:
    """One browser for a test module (use it as a module-scoped fixture's body)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: ./scripts/test.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
