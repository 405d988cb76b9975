"""What a deployed resource becomes: its workflows, or a validation report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pytest_zeebe.model.elements import Workflow


class ResourceKind(StrEnum):
    """The resource types of Zeebe's DEPLOYMENT records."""

    BPMN = "BPMN_XML"
    YAML = "YAML_WORKFLOW"


@dataclass(frozen=True, slots=True)
class TransformedResource:
    """A resource that passed validation.

    `workflows` are its executable processes in document order. `bpmn_xml` is what Zeebe stores
    for the resource: the original bytes for BPMN, the generated BPMN XML for a YAML workflow.
    """

    workflows: tuple[Workflow, ...]
    bpmn_xml: bytes
    process_ids: tuple[str, ...] = ()
    """Every process of the resource, executable or not (Zeebe's duplicate-id check sees them all)."""


class ResourceRejectedError(Exception):
    """Raised when a resource cannot be deployed; `report` is what Zeebe prints after its name."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def resource_kind_for_name(name: str) -> ResourceKind | None:
    """The kind Zeebe infers from a resource's file name, or None when the name says nothing.

    `.bpmn` and `.bpmn20.xml` are BPMN, `.yaml` is a YAML workflow (not `.yml`), case-insensitive.
    """
    lowered = name.lower()
    if lowered.endswith((".bpmn", ".bpmn20.xml")):
        return ResourceKind.BPMN
    if lowered.endswith(".yaml"):
        return ResourceKind.YAML
    return None
