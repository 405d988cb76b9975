"""Evaluating a model's expressions in a variable scope, with the engine clock (Zeebe's ExpressionProcessor).

Each function returns the value, or a :class:`Failure` carrying Zeebe's message and error type
(EXTRACT_VALUE_ERROR; IO_MAPPING_ERROR for variable mappings) with the scope the expression read.
Variables are read lazily from the state, so an expression touching one variable pays for one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from pytest_zeebe import feel
from pytest_zeebe.engine.failures import Failure
from pytest_zeebe.engine.intents import ErrorType
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.model import TimerDefinition
from pytest_zeebe.model.expressions import EvaluationFailed, Timer, evaluate_timer

T = TypeVar("T")


class ScopeVariables(Mapping[str, Any]):
    """A read-only, lazy view of the variables visible from one scope (what FEEL reads)."""

    __slots__ = ("_scope_key", "_state")

    def __init__(self, state: EngineState, scope_key: int) -> None:
        self._state = state
        self._scope_key = scope_key

    def __getitem__(self, name: str) -> Any:
        variable = self._state.variables.lookup(self._scope_key, name)
        if variable is None:
            raise KeyError(name)
        return variable.value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._state.variables.lookup(self._scope_key, name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.variables.visible_document(self._scope_key))

    def __len__(self) -> int:
        return len(self._state.variables.visible_document(self._scope_key))


def _variables(state: EngineState, scope_key: int) -> Mapping[str, Any]:
    """Zeebe evaluates with no variables at all for a scope key < 0 (timer start events)."""
    return ScopeVariables(state, scope_key) if scope_key > 0 else {}


def _evaluate(function: Any, expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv) -> Any:
    try:
        return function(expression, _variables(state, scope_key), env)
    except feel.FeelError as error:
        return Failure(str(error), ErrorType.EXTRACT_VALUE_ERROR, scope_key)


def evaluate_string(
    expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> str | Failure:
    """A STRING (job type, message name, called process id)."""
    return _evaluate(feel.evaluate_string, expression, state, scope_key, env)  # type: ignore[no-any-return]


def evaluate_long(expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv) -> int | Failure:
    """A NUMBER as Java's `longValue` (job retries)."""
    return _evaluate(feel.evaluate_long, expression, state, scope_key, env)  # type: ignore[no-any-return]


def evaluate_boolean(
    expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> bool | Failure:
    """A BOOLEAN (sequence flow conditions)."""
    return _evaluate(feel.evaluate_boolean, expression, state, scope_key, env)  # type: ignore[no-any-return]


def evaluate_array(
    expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> list[Any] | Failure:
    """An ARRAY (multi-instance input collections)."""
    return _evaluate(feel.evaluate_array, expression, state, scope_key, env)  # type: ignore[no-any-return]


def evaluate_any(expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv) -> Any:
    """Any result as a variable value (multi-instance output element)."""
    return _evaluate(feel.evaluate_any, expression, state, scope_key, env)


def evaluate_correlation_key(
    expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> str | Failure:
    """A message correlation key: a STRING, or a NUMBER as Java's `Long.toString(longValue)`."""
    return _evaluate(feel.evaluate_correlation_key, expression, state, scope_key, env)  # type: ignore[no-any-return]


def evaluate_timer_definition(
    definition: TimerDefinition, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> Timer | Failure:
    """A timer, with the model's timer functions (the ones deployment checks start timers with)."""
    try:
        return evaluate_timer(definition, _variables(state, scope_key), env)
    except EvaluationFailed as error:
        return Failure(str(error), ErrorType.EXTRACT_VALUE_ERROR, scope_key)


def evaluate_mapping(
    expression: feel.Expression, state: EngineState, scope_key: int, env: feel.FeelEnv
) -> dict[str, Any] | Failure:
    """Variable mappings (one context expression): an OBJECT, or an IO_MAPPING_ERROR failure."""
    result = _evaluate(feel.evaluate_object, expression, state, scope_key, env)
    if isinstance(result, Failure):
        return Failure(result.message, ErrorType.IO_MAPPING_ERROR, scope_key)
    return result  # type: ignore[no-any-return]
