"""Syntax tree of a FEEL expression, produced by :mod:`.parser`, consumed by :mod:`.compiler`.

The nodes are plain frozen dataclasses, close to feel-scala's ``syntaxtree.Exp``. The compiler
needs the tree because several feel-scala rules depend on the *shape* of a sub-expression: a
filter whose condition is a number literal is an index, a simple value in a unary test is an
equality test, and so on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass


@dataclass(frozen=True, slots=True)
class Const:
    """A literal: null, boolean, number (Decimal) or string."""

    value: object


@dataclass(frozen=True, slots=True)
class Name:
    """A variable reference (``x``, ```first name```); ``?`` is the name ``cellInput``."""

    name: str


@dataclass(frozen=True, slots=True)
class Path:
    """``base.key``: context entry, projection over a list, or temporal property."""

    base: Node
    key: str


@dataclass(frozen=True, slots=True)
class Filter:
    """``base[condition]``: an index (1-based, negative from the end) or a filter."""

    base: Node
    condition: Node


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; ``target`` is None for a plain name, else the context holding it."""

    target: Node | None
    name: str
    args: tuple[Node, ...]
    named: tuple[tuple[str, Node], ...] | None


@dataclass(frozen=True, slots=True)
class Arith:
    """Binary arithmetic: ``+ - * / **``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Negate:
    """Unary minus."""

    operand: Node


@dataclass(frozen=True, slots=True)
class Compare:
    """Binary comparison: ``= != < <= > >=``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Between:
    """``value between low and high`` (feel-scala: ``value >= low and value <= high``)."""

    value: Node
    low: Node
    high: Node


@dataclass(frozen=True, slots=True)
class Interval:
    """``[a..b]``, ``(a..b]``, ``]a..b[`` and friends."""

    start_open: bool
    start: Node
    end: Node
    end_open: bool


@dataclass(frozen=True, slots=True)
class UnaryTest:
    """One positive unary test: ``< 5`` (op ``<``), a simple value (``=``) or an expression."""

    op: str  # '<', '<=', '>', '>=', '=' (simple value), 'expr', 'interval'
    operand: Node


@dataclass(frozen=True, slots=True)
class In:
    """``value in test`` or ``value in (test, test, ...)`` (true if any test holds)."""

    value: Node
    tests: tuple[UnaryTest, ...]


@dataclass(frozen=True, slots=True)
class Logic:
    """Three-valued ``and`` / ``or``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class If:
    """``if c then a else b``."""

    condition: Node
    then: Node
    otherwise: Node


@dataclass(frozen=True, slots=True)
class Range:
    """``a..b`` in a ``for``/``some``/``every`` iterator."""

    start: Node
    end: Node


@dataclass(frozen=True, slots=True)
class Iteration:
    """``for`` / ``some`` / ``every`` over the cartesian product of the iterators."""

    kind: str  # 'for', 'some', 'every'
    iterators: tuple[tuple[str, Node], ...]
    body: Node


@dataclass(frozen=True, slots=True)
class ListLit:
    """``[a, b, c]``."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class ContextLit:
    """``{a: 1, b: a + 1}``; later entries see earlier ones."""

    entries: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class InstanceOf:
    """``value instance of type``."""

    value: Node
    type_name: str


@dataclass(frozen=True, slots=True)
class ExternalFunction:
    """``external {java: ...}`` as a function body: parsed, then refused as 1.12's validator does."""


@dataclass(frozen=True, slots=True)
class FunctionDef:
    """``function(a, b) body``."""

    params: tuple[str, ...]
    body: Node


Node = (
    Const
    | Name
    | Path
    | Filter
    | Call
    | Arith
    | Negate
    | Compare
    | Between
    | Interval
    | In
    | Logic
    | If
    | Range
    | Iteration
    | ListLit
    | ContextLit
    | InstanceOf
    | FunctionDef
    | ExternalFunction
)


def walk(node: object) -> Iterator[object]:
    """Every node under ``node`` (inclusive), without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, tuple):
            stack.extend(current)
        elif is_dataclass(current):
            yield current
            stack.extend(getattr(current, f.name) for f in fields(current))
