"""Event scopes and their triggers (Zeebe's EventScopeInstanceState).

An element that waits for events (an activity with boundary events, a scope with event
sub-processes, a catch event, an event-based gateway), and a workflow with timer or message start
events, is an event scope. A scope accepts events until an interrupting one is triggered. A
triggered event is kept as a trigger (its element, its variables) until the scope's EVENT_OCCURRED
is processed; triggers are taken lowest event key first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pytest_zeebe.engine.journal import Entity, Table


class EventScope(Entity):
    """A scope's `accepting` flag and the ids of the events that interrupt it."""

    __slots__ = ("accepting", "interrupting")
    accepting: bool
    interrupting: frozenset[str]

    def __init__(self, interrupting: frozenset[str]) -> None:
        self._init(accepting=True, interrupting=interrupting)


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """A triggered event waiting to be handled by its scope."""

    event_key: int
    element_id: str
    variables: Mapping[str, Any]


class EventScopeState:
    """Event scopes by key (element instance key, or workflow key for start events)."""

    __slots__ = ("scopes", "triggers")

    def __init__(self) -> None:
        self.scopes: Table[int, EventScope] = Table()
        self.triggers: Table[int, Table[int, EventTrigger]] = Table()

    def get(self, scope_key: int) -> EventScope | None:
        return self.scopes.get(scope_key)

    def peek(self, scope_key: int) -> EventTrigger | None:
        """The scope's first trigger (lowest event key), left in place."""
        triggers = self.triggers.get(scope_key)
        return triggers[min(triggers)] if triggers else None

    # -- changing (appliers and hooks only) ----------------------------------------------------

    def create_if_absent(self, scope_key: int, interrupting: frozenset[str]) -> None:
        if scope_key not in self.scopes:
            self.scopes[scope_key] = EventScope(interrupting)

    def trigger(self, scope_key: int, trigger: EventTrigger) -> bool:
        """Keep `trigger` if the scope accepts events; an interrupting one closes the scope."""
        scope = self.scopes.get(scope_key)
        if scope is None or not scope.accepting:
            return False
        if trigger.element_id in scope.interrupting:
            scope.accepting = False
        self.triggers.setdefault(scope_key, Table())[trigger.event_key] = trigger
        return True

    def delete_trigger(self, scope_key: int, event_key: int) -> None:
        triggers = self.triggers.get(scope_key)
        if triggers is not None:
            triggers.pop(event_key, None)
            if not triggers:
                del self.triggers[scope_key]

    def delete(self, scope_key: int) -> None:
        """The scope and its triggers go (the element left, or unsubscribed from its events)."""
        self.scopes.pop(scope_key, None)
        self.triggers.pop(scope_key, None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventScopeState):
            return NotImplemented
        return self.scopes == other.scopes and self.triggers == other.triggers
