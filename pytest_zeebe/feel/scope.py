"""Evaluation scopes, variable lookup and the work budget.

A compiled expression is a closure called with a scope. The root scope wraps the caller's
variables (a Mapping, read lazily by name) and the environment (the clock). Constructs that bind
names (``for``, filters, context literals, function calls, unary tests) push a :class:`Frame`.

The work budget bounds how long any evaluation can run: every loop iteration, filtered item and
function call spends units proportional to the size of the code it runs, and evaluation stops
with :class:`WorkLimitExceeded` when the budget is spent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from .convert import to_feel
from .errors import FeelEvaluationError
from .ops import ErrVal

if TYPE_CHECKING:
    from .api import FeelEnv

#: Units one evaluation may spend (roughly: AST nodes evaluated inside loops and calls).
WORK_BUDGET: Final = 1_000_000

_MISSING: Final = object()
_EMPTY: Final[Mapping[str, object]] = {}


class WorkLimitExceeded(Exception):
    """Raised when an evaluation spends its whole work budget (never suppressed inside FEEL)."""


class Root:
    """The outermost scope: the caller's variables and environment."""

    __slots__ = ("budget", "env", "variables")

    def __init__(self, variables: Mapping[str, object] | None, env: FeelEnv | None) -> None:
        self.variables = _EMPTY if variables is None else variables
        self.env = env
        self.budget = WORK_BUDGET


class Frame:
    """A scope with local bindings, in front of its parent."""

    __slots__ = ("parent", "root", "values")

    def __init__(self, parent: Scope, values: Mapping[str, object]) -> None:
        self.parent = parent
        self.values = values
        self.root: Root = parent if type(parent) is Root else parent.root  # type: ignore[union-attr]


Scope = Root | Frame
Evaluator = Callable[[Scope], object]


def root_of(scope: Scope) -> Root:
    """The root scope of ``scope``."""
    return scope if type(scope) is Root else scope.root  # type: ignore[union-attr]


def spend(scope: Scope, units: int) -> None:
    """Charge ``units`` of work; raise WorkLimitExceeded when the budget is gone."""
    root = root_of(scope)
    root.budget -= units
    if root.budget < 0:
        raise WorkLimitExceeded(f"evaluation exceeds the work limit of {WORK_BUDGET} steps (loops, filters, calls)")


def root_reference(name: str) -> Evaluator:
    """Read variable ``name`` from the root (for code outside any name-binding construct)."""
    message = f"no variable found for name '{name}'"

    def reference(scope: Scope) -> object:
        try:
            raw = scope.variables[name]  # type: ignore[union-attr]
        except KeyError:
            raise FeelEvaluationError(message) from None
        cls = type(raw)
        if cls is int:
            return Decimal(raw)  # type: ignore[arg-type]
        if cls is str or cls is bool or raw is None:
            return raw
        return to_feel(raw)

    return reference


def local_reference(name: str) -> Evaluator:
    """Read ``name`` from the innermost frame binding it, else from the root."""
    from_root = root_reference(name)

    def reference(scope: Scope) -> object:
        while type(scope) is Frame:
            value = scope.values.get(name, _MISSING)
            if value is not _MISSING:
                if isinstance(value, ErrVal):
                    raise value.fail()  # a failed list item bound by for/some/every/filter
                return value
            scope = scope.parent
        return from_root(scope)

    return reference


def local_values(scope: Scope, name: str) -> list[object]:
    """All values bound to ``name`` in frames, innermost first (for calling user functions)."""
    found = []
    while type(scope) is Frame:
        value = scope.values.get(name, _MISSING)
        if value is not _MISSING:
            found.append(value)
        scope = scope.parent
    return found


def snapshot(scope: Scope) -> Scope:
    """A copy of the frame chain as it is now.

    A function literal captures its scope. Frames of context literals still under construction
    grow later; feel-scala's functions do not see those later entries (so they cannot call
    themselves), and neither do ours: this is what makes recursion, and runaway work, impossible.
    """
    frames: list[Frame] = []
    while type(scope) is Frame:
        frames.append(scope)
        scope = scope.parent
    copied: Scope = scope
    for frame in reversed(frames):
        copied = Frame(copied, dict(frame.values))
    return copied
