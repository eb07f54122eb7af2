"""YAML loading for plainlint's data files.

PyYAML follows YAML 1.1, where ``on``, ``off``, ``yes``, ``no``, ``y`` and ``n`` are booleans.
Word lists are full of such words ("signpost people on to ..."), so plainlint reads YAML with
the YAML 1.2 rule: only ``true`` and ``false`` are booleans.

Parsing uses libyaml (PyYAML's C parser) when PyYAML was built with it, as its wheels are:
the bundled glossary and word lists take a second to read with the pure-Python parser and a
tenth of that with libyaml. Resolving tags (the booleans rule above) and building Python values
stay in PyYAML's Python classes, so both parsers give the same values.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader  # type: ignore[assignment,misc]


class DataLoader(_Base):  # type: ignore[valid-type,misc]
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


def load_with_node(text: str) -> tuple[Any, yaml.Node | None]:
    """The values in ``text`` and the node tree they were built from (for line numbers), from
    one parse."""
    loader = DataLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node
