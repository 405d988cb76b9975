"""Setting variables the way Zeebe's VariablesState does: locally in one scope, or propagated up.

Each change is a VARIABLE event: CREATED with a fresh key, or UPDATED with the variable's key when
the value changed (an unchanged value writes nothing). The VARIABLE record's `workflowInstanceKey`
is the root of the scope tree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import ValueType, VariableIntent
from pytest_zeebe.engine.values import VariableRecordValue


def to_json_text(value: Any) -> str:
    """The JSON text of a variable value, as records carry it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _root_scope(ctx: ProcessingContext, scope_key: int) -> int:
    variables = ctx.state.variables
    key = scope_key
    while (parent := variables.parent_of(key)) > 0:
        key = parent
    return key


def set_variable_local(ctx: ProcessingContext, scope_key: int, workflow_key: int, name: str, value: Any) -> None:
    """Create or update `name` in exactly `scope_key`."""
    text = to_json_text(value)
    existing = ctx.state.variables.local(scope_key, name)
    if existing is not None and existing.text == text:
        return
    record = VariableRecordValue(name, text, scope_key, _root_scope(ctx, scope_key), workflow_key)
    if existing is None:
        ctx.write_event(ValueType.VARIABLE, VariableIntent.CREATED, ctx.next_key(), record)
    else:
        ctx.write_event(ValueType.VARIABLE, VariableIntent.UPDATED, existing.key, record)


def set_variables_local(ctx: ProcessingContext, scope_key: int, workflow_key: int, document: Mapping[str, Any]) -> None:
    """Set every entry of `document` locally in `scope_key` (Zeebe's setVariablesLocalFromDocument)."""
    for name, value in document.items():
        set_variable_local(ctx, scope_key, workflow_key, name, value)


def set_variables_propagate(
    ctx: ProcessingContext, scope_key: int, workflow_key: int, document: Mapping[str, Any]
) -> None:
    """Zeebe's setVariablesFromDocument: each entry where it is already defined, else in the root scope.

    Walks scope by scope from `scope_key` up through every scope that has a parent, updating the
    entries the scope defines; what is left is set in the top scope.
    """
    remaining = dict(document)
    if not remaining:
        return
    variables = ctx.state.variables
    current = scope_key
    while remaining and (parent := variables.parent_of(current)) > 0:
        for name in [name for name in remaining if variables.local(current, name) is not None]:
            set_variable_local(ctx, current, workflow_key, name, remaining.pop(name))
        current = parent
    for name, value in remaining.items():
        set_variable_local(ctx, current, workflow_key, name, value)
