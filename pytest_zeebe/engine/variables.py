"""Setting variables the way Zeebe does: locally in one scope, or propagated up the scope chain.

Each change is a VARIABLE event: CREATED with a fresh key, or UPDATED with the variable's key when
the value changed (an unchanged value writes nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, VariableIntent
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.engine.values import VariableRecordValue


def to_json_text(value: Any) -> str:
    """The JSON text of a variable value, as records carry it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def set_variable_local(
    ctx: ProcessingContext,
    scope_key: int,
    name: str,
    value: Any,
    *,
    workflow_instance_key: int,
    workflow_key: int,
) -> None:
    """Create or update `name` in exactly `scope_key`."""
    text = to_json_text(value)
    existing = ctx.state.variables.get(scope_key, {}).get(name)
    if existing is not None and existing.text == text:
        return
    record = VariableRecordValue(name, text, scope_key, workflow_instance_key, workflow_key)
    if existing is None:
        ctx.write_event(ValueType.VARIABLE, VariableIntent.CREATED, ctx.next_key(), record)
    else:
        ctx.write_event(ValueType.VARIABLE, VariableIntent.UPDATED, existing.key, record)


def set_variables_local(
    ctx: ProcessingContext,
    scope_key: int,
    document: Mapping[str, Any],
    *,
    workflow_instance_key: int,
    workflow_key: int,
) -> None:
    """Set every entry of `document` locally in `scope_key`."""
    for name, value in document.items():
        set_variable_local(
            ctx, scope_key, name, value, workflow_instance_key=workflow_instance_key, workflow_key=workflow_key
        )


def set_variables_propagate(
    ctx: ProcessingContext,
    scope_key: int,
    document: Mapping[str, Any],
    *,
    workflow_instance_key: int,
    workflow_key: int,
) -> None:
    """Set each entry where it is already defined (innermost first), else in the root scope."""
    for name, value in document.items():
        target = ctx.state.find_variable_scope(scope_key, name)
        set_variable_local(
            ctx,
            target if target != NO_KEY else workflow_instance_key,
            name,
            value,
            workflow_instance_key=workflow_instance_key,
            workflow_key=workflow_key,
        )


class ScopeVariables(Mapping[str, Any]):
    """A read-only, lazy view of the variables visible from one scope (for FEEL evaluation)."""

    __slots__ = ("_scope_key", "_state")

    def __init__(self, state: EngineState, scope_key: int) -> None:
        self._state = state
        self._scope_key = scope_key

    def __getitem__(self, name: str) -> Any:
        scope = self._state.find_variable_scope(self._scope_key, name)
        if scope == NO_KEY:
            raise KeyError(name)
        return self._state.variables[scope][name].value

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.visible_variables(self._scope_key))

    def __len__(self) -> int:
        return len(self._state.visible_variables(self._scope_key))
