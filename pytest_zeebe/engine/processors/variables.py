"""VARIABLE_DOCUMENT UPDATE: SetVariables (Zeebe's UpdateVariableDocumentProcessor).

The scope must be a live element instance that is neither terminating nor finished. LOCAL sets
the document in that scope; PROPAGATE updates each variable where it is defined, else at the root.
The UPDATED record's key is the response's key.
"""

from __future__ import annotations

from pytest_zeebe.engine import messages
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import (
    RecordType,
    RejectionType,
    ValueType,
    VariableDocumentIntent,
    WorkflowInstanceIntent,
)
from pytest_zeebe.engine.processors.registry import processes
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.values import VariableDocumentRecordValue
from pytest_zeebe.engine.variables import set_variables_local, set_variables_propagate

_UNAVAILABLE = frozenset(
    {
        WorkflowInstanceIntent.ELEMENT_TERMINATING,
        WorkflowInstanceIntent.ELEMENT_COMPLETED,
        WorkflowInstanceIntent.ELEMENT_TERMINATED,
    }
)


@processes(RecordType.COMMAND, ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATE)
def update_variables(ctx: ProcessingContext, record: Record) -> None:
    document = record.value
    assert isinstance(document, VariableDocumentRecordValue)
    scope = ctx.state.elements.get(document.scope_key)
    if scope is None or scope.state in _UNAVAILABLE:
        ctx.reject(RejectionType.NOT_FOUND, messages.VARIABLES_SCOPE_NOT_FOUND.format(key=document.scope_key))
        return
    workflow_key = scope.value.workflow_key
    if document.update_semantics == "LOCAL":
        set_variables_local(ctx, document.scope_key, workflow_key, document.variables)
    else:
        set_variables_propagate(ctx, document.scope_key, workflow_key, document.variables)
    key = ctx.next_key()
    ctx.write_event(ValueType.VARIABLE_DOCUMENT, VariableDocumentIntent.UPDATED, key, document)
    ctx.accept(key, document)
