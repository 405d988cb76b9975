"""VARIABLE CREATED / UPDATED: the variable's JSON text and parsed value in its scope."""

from __future__ import annotations

import json

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import ValueType, VariableIntent
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import EngineState
from pytest_zeebe.engine.values import VariableRecordValue


@applies(ValueType.VARIABLE, VariableIntent.CREATED, VariableIntent.UPDATED)
def variable_set(state: EngineState, record: Record, cause: Record | None) -> None:
    value = record.value
    assert isinstance(value, VariableRecordValue)
    state.variables.put(value.scope_key, value.name, record.key, value.value, json.loads(value.value))
