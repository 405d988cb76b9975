"""State changes of element instances that Zeebe makes while processing (for the processing hooks)."""

from __future__ import annotations

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.engine.state import EngineState


def drop_finished_children(state: EngineState, scope_key: int) -> None:
    """Terminating a scope's children: forget completed children and the tokens that will never move.

    Zeebe's terminateChildInstances: a child whose COMPLETED is written but will not be processed
    (its scope is no longer active) is removed, and tokens of paths between elements are consumed,
    leaving one token per child that is still to terminate.
    """
    elements = state.elements
    for child in elements.children_of(scope_key):
        if child.state is WorkflowInstanceIntent.ELEMENT_COMPLETED:
            remove_element(state, child.key)
    scope = elements.get(scope_key)
    if scope is not None and scope.child_count > 0:
        pending = scope.active_tokens - scope.child_count
        if pending > 0:
            scope.active_tokens -= pending


def remove_element(state: EngineState, key: int) -> None:
    """An element instance leaves the state with its variables and event scope (Zeebe's removeElementInstance)."""
    state.event_scopes.delete(key)
    state.elements.remove(key)
    state.variables.remove_scope(key)
