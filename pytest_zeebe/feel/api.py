"""The public entry points: compile once, evaluate many times.

Zeebe decides per BPMN attribute whether its value is an expression: ``=`` followed by at least
one character (regex ``=(.+)``, DOTALL) is a FEEL expression, parsed at deployment; anything else
is a static value. :func:`parse_attribute` applies that rule and returns an object the model
caches per attribute; its ``evaluate`` runs the pre-compiled closures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Protocol

from . import ast
from .compiler import compile_tree
from .errors import FeelError, FeelEvaluationError, FeelSyntaxError
from .parser import parse
from .scope import Evaluator, Root, WorkLimitExceeded

_EXPRESSION = re.compile(r"=(.+)", re.DOTALL)
#: What Java's ``new BigDecimal(String)`` accepts (Zeebe's static NUMBER values).
_JAVA_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class FeelEnv(Protocol):
    """What evaluation needs from the engine: its clock (``now()``, ``today()``)."""

    def now(self) -> datetime:
        """The current instant as an aware datetime in the engine's zone."""
        ...


@dataclass(frozen=True)
class FixedClock:
    """A :class:`FeelEnv` whose clock stands still at ``instant`` (aware)."""

    instant: datetime

    def now(self) -> datetime:
        """The fixed instant."""
        return self.instant


class CompiledExpression:
    """A parsed and compiled FEEL expression (the text after ``=``)."""

    __slots__ = ("_evaluator", "text", "variable_name")
    is_static = False

    def __init__(self, text: str, evaluator: Evaluator, variable_name: str | None = None) -> None:
        self.text = text
        self._evaluator = evaluator
        self.variable_name = variable_name
        """The variable a plain reference or path (``a``, ``a.b.c``) starts with; None for anything
        else (Zeebe's ``Expression#getVariableName``)."""

    def __repr__(self) -> str:
        return f"CompiledExpression({self.text!r})"

    def evaluate(self, variables: Mapping[str, object] | None = None, env: FeelEnv | None = None) -> object:
        """Evaluate against ``variables`` (JSON-like values, read lazily by name).

        :return: a FEEL value (``Decimal`` numbers, temporal values, lists, dicts, ...).
        :raises FeelEvaluationError: feel-scala's failure, with Zeebe's message.
        """
        try:
            return self._evaluator(Root(variables, env))
        except FeelEvaluationError as error:
            raise error.with_expression(self.text) from None
        except WorkLimitExceeded as error:
            raise FeelEvaluationError(str(error), self.text) from None
        except RecursionError:
            raise FeelEvaluationError("expression nested too deeply", self.text) from None
        except FeelError:
            raise
        except Exception as error:  # a defect of ours must still surface as a FEEL failure
            raise FeelEvaluationError(f"internal error: {error!r}", self.text) from error


class StaticValue:
    """A non-expression attribute value: a NUMBER if Java's BigDecimal parses it, else a STRING."""

    __slots__ = ("text", "value")
    is_static = True
    variable_name = None

    def __init__(self, text: str) -> None:
        self.text = text
        self.value: str | Decimal = _static_number(text)

    def __repr__(self) -> str:
        return f"StaticValue({self.text!r})"

    def evaluate(self, variables: Mapping[str, object] | None = None, env: FeelEnv | None = None) -> object:
        """The value itself (variables and environment are not used)."""
        return self.value


Expression = CompiledExpression | StaticValue


def _static_number(text: str) -> str | Decimal:
    if _JAVA_DECIMAL.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return text
    return text


@lru_cache(maxsize=4096)
def compile_expression(text: str) -> CompiledExpression:
    """Parse and compile a FEEL expression (without the leading ``=``).

    :raises FeelSyntaxError: Zeebe's ``failed to parse expression '<text>': ...``.
    """
    try:
        tree = parse(text)
        return CompiledExpression(text, compile_tree(tree, text), _variable_name(tree))
    except RecursionError:
        raise FeelSyntaxError(text, "[1.1] failure: expression nested too deeply") from None


def _variable_name(tree: ast.Node) -> str | None:
    """Zeebe's FeelExpression#extractVariableName: the first name of a reference or a path on one."""
    while isinstance(tree, ast.Path):
        tree = tree.base
    return tree.name if isinstance(tree, ast.Name) else None


def parse_attribute(value: str) -> Expression:
    """Apply Zeebe's rule: ``=expr`` is compiled now, anything else is a static value."""
    match = _EXPRESSION.fullmatch(value)
    if match is None:
        return StaticValue(value)
    return compile_expression(match.group(1))
