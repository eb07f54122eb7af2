"""YAML loading for plainlint's data files.

PyYAML follows YAML 1.1, where ``on``, ``off``, ``yes``, ``no``, ``y`` and ``n`` are booleans.
Word lists are full of such words ("signpost people on to ..."), so plainlint reads YAML with
the YAML 1.2 rule: only ``true`` and ``false`` are booleans.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class DataLoader(yaml.SafeLoader):
    """SafeLoader whose booleans are only true and false (any case)."""


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load(text: str) -> Any:
    return yaml.load(text, Loader=DataLoader)  # DataLoader is a SafeLoader: no Python objects


def compose(text: str) -> Any:
    return yaml.compose(text, Loader=DataLoader)
