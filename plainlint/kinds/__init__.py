"""Rule kinds: the Python behind data-driven rules.

A kind is a class registered with `register`. It declares:

- ``params``: fields a rule file may set to define the rule (word lists, patterns);
- ``options``: settings users may change in their configuration (thresholds), with defaults;
- ``needs``: what analysis it uses: ``text`` (block text only), ``sentences`` (sentence
  boundaries), ``tags`` (parts of speech) or ``parse`` (dependency parse);
- ``check(ctx, rule, options)``: yields `Hit`s in block-text coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.model import Hit
    from plainlint.rules import Rule


@dataclass(frozen=True)
class Option:
    """A setting of a kind that users may change in their configuration."""

    type: type | tuple[type, ...]
    default: Any
    help: str
    minimum: float | None = None
    choices: tuple[Any, ...] | None = None

    def check(self, name: str, value: Any) -> Any:
        types = self.type if isinstance(self.type, tuple) else (self.type,)
        if float in types and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and bool not in types:
            raise ValueError(f"option {name!r} must be {_type_name(types)}, not {value!r}")
        if not isinstance(value, types):
            raise ValueError(f"option {name!r} must be {_type_name(types)}, not {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"option {name!r} must be at least {self.minimum:g}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(
                f"option {name!r} must be one of {', '.join(map(str, self.choices))}"
            )
        return value


def _type_name(types: tuple[type, ...]) -> str:
    names = {int: "a whole number", float: "a number", str: "a string", bool: "true or false",
             list: "a list"}
    return " or ".join(names.get(t, t.__name__) for t in types)


class Kind:
    name: ClassVar[str] = ""
    params: ClassVar[dict[str, str]] = {}  # param name -> what it means
    options: ClassVar[dict[str, Option]] = {}
    needs: frozenset[str] = frozenset({"text"})
    #: The analysis shared through `Context.shared` that the kind's rules read (by its key),
    #: if any, made by `make_analysis`: a large document's is made in a second process
    #: (`engine.ahead`), and meanwhile these rules run last.
    analysis: ClassVar[str | None] = None

    @classmethod
    def make_analysis(cls, ctx: Context) -> Any:
        """The document's `analysis` (kinds that name one make it here)."""
        raise NotImplementedError(cls.name)

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        self.rule_id = rule_id

    @classmethod
    def check_options(cls, values: dict[str, Any], defaults: bool = False) -> dict[str, Any]:
        """Validate option values; with ``defaults``, fill in the kind's defaults too."""
        out = {k: o.default for k, o in cls.options.items()} if defaults else {}
        for key, value in values.items():
            name = key.replace("_", "-")
            if name not in cls.options:
                known = ", ".join(sorted(cls.options)) or "none"
                raise ValueError(f"unknown option {key!r} (options: {known})")
            out[name] = cls.options[name].check(name, value)
        return out

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        raise NotImplementedError


KINDS: dict[str, type[Kind]] = {}


def register(cls: type[Kind]) -> type[Kind]:
    KINDS[cls.name] = cls
    return cls


@register
class EngineRule(Kind):
    """A rule the engine reports itself (such as unused suppressions); it has no check."""

    name = "engine"

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        return ()


def format_message(template: str, **fields: Any) -> str:
    """Fill a rule's message template; unknown fields are left as they are."""

    class _Safe(dict):  # type: ignore[type-arg]
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return template.format_map(_Safe(fields))


# Import the built-in kinds so they register themselves.
from plainlint.kinds import (  # noqa: E402,F401
    existence,
    framing,
    occurrence,
    readability,
    substitution,
    tokens,
    wording,
)
