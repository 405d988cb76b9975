"""None start and end events (Zeebe's StartEventProcessor, EndEventProcessor)."""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import transitions
from pytest_zeebe.engine.bpmn.context import Step
from pytest_zeebe.engine.bpmn.elements.base import ElementProcessor, complete_with_output_mappings


class StartEventProcessor(ElementProcessor):
    """A start event: straight through; its output mappings apply on completion."""

    def on_completing(self, step: Step) -> None:
        complete_with_output_mappings(step)


class EndEventProcessor(ElementProcessor):
    """A none end event: its path ends here, and the scope completes if it was the last one."""

    def on_completed(self, step: Step) -> None:
        transitions.on_element_completed(step)
