"""The values records carry, with Zeebe's fields under snake_case names.

`to_dict()` gives Zeebe's JSON form (camelCase names, as its exporters write), so tooling written
for exported Zeebe records reads ours.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from pytest_zeebe.engine.keys import NO_KEY

if TYPE_CHECKING:
    from pytest_zeebe.model import Workflow


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _json(value: object) -> object:
    if isinstance(value, RecordValue):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {str(key): _json(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_json(item) for item in value]
    return value


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RecordValue:
    """Base of every record value."""

    json_excluded: ClassVar[frozenset[str]] = frozenset()
    """Fields kept for the engine's own use that Zeebe's JSON form does not have."""

    def __deepcopy__(self, memo: dict[int, Any]) -> RecordValue:
        return self  # immutable: snapshots share record values

    def to_dict(self) -> dict[str, object]:
        """Zeebe's JSON form of this value."""
        return {
            _camel(item.name): _json(getattr(self, item.name))
            for item in fields(self)
            if item.name not in self.json_excluded
        }


@dataclass(frozen=True, slots=True)
class DeploymentResource(RecordValue):
    resource: bytes
    resource_type: str
    resource_name: str


@dataclass(frozen=True, slots=True)
class DeployedWorkflow(RecordValue):
    bpmn_process_id: str
    version: int
    workflow_key: int
    resource_name: str


@dataclass(frozen=True, slots=True)
class TransformedWorkflow:
    """What deployment made of one deployed workflow: its model, resource and digest.

    Carried on the DEPLOYMENT CREATED event for the engine's own use (never in Zeebe's JSON), so
    the applier, and any replay, takes the model as it is instead of parsing the resource again.
    """

    workflow: Workflow
    resource: bytes
    digest: bytes

    def __deepcopy__(self, memo: dict[int, Any]) -> TransformedWorkflow:
        return self


@dataclass(frozen=True, slots=True)
class DeploymentRecordValue(RecordValue):
    resources: tuple[DeploymentResource, ...] = ()
    deployed_workflows: tuple[DeployedWorkflow, ...] = ()
    transformed: tuple[TransformedWorkflow, ...] = ()

    json_excluded: ClassVar[frozenset[str]] = frozenset({"transformed"})
    """The engine's own copy of the models; Zeebe's record has no such field."""


@dataclass(frozen=True, slots=True)
class WorkflowInstanceRecordValue(RecordValue):
    bpmn_process_id: str
    version: int
    workflow_key: int
    workflow_instance_key: int
    element_id: str
    flow_scope_key: int
    bpmn_element_type: str
    parent_workflow_instance_key: int = NO_KEY
    parent_element_instance_key: int = NO_KEY


@dataclass(frozen=True, slots=True)
class WorkflowInstanceCreationRecordValue(RecordValue):
    bpmn_process_id: str = ""
    workflow_key: int = NO_KEY
    version: int = -1
    variables: Mapping[str, Any] = field(default_factory=_empty)
    workflow_instance_key: int = NO_KEY
    fetch_variables: tuple[str, ...] = ()

    json_excluded: ClassVar[frozenset[str]] = frozenset({"fetch_variables"})
    """Zeebe's record has no getter for it, so its JSON form leaves it out."""


@dataclass(frozen=True, slots=True)
class JobRecordValue(RecordValue):
    type: str = ""
    custom_headers: Mapping[str, str] = field(default_factory=_empty)
    worker: str = ""
    retries: int = -1
    deadline: int = NO_KEY
    error_message: str = ""
    error_code: str = ""
    element_id: str = ""
    element_instance_key: int = NO_KEY
    bpmn_process_id: str = ""
    workflow_definition_version: int = -1
    workflow_key: int = NO_KEY
    workflow_instance_key: int = NO_KEY
    variables: Mapping[str, Any] = field(default_factory=_empty)


@dataclass(frozen=True, slots=True)
class JobBatchRecordValue(RecordValue):
    type: str = ""
    worker: str = ""
    timeout: int = -1
    max_jobs_to_activate: int = -1
    job_keys: tuple[int, ...] = ()
    jobs: tuple[JobRecordValue, ...] = ()
    truncated: bool = False
    fetch_variables: tuple[str, ...] = ()

    json_excluded: ClassVar[frozenset[str]] = frozenset({"fetch_variables"})
    """Only the gateway uses it; Zeebe's exported JSON has no such field."""


@dataclass(frozen=True, slots=True)
class VariableRecordValue(RecordValue):
    name: str
    value: str
    scope_key: int
    workflow_instance_key: int
    workflow_key: int


@dataclass(frozen=True, slots=True)
class ErrorRecordValue(RecordValue):
    """What the engine writes when processing a record failed (Zeebe's ERROR CREATED)."""

    exception_message: str
    stacktrace: str
    error_event_position: int
    workflow_instance_key: int = NO_KEY


@dataclass(frozen=True, slots=True)
class IncidentRecordValue(RecordValue):
    """An incident: what failed (type, message), where (element, job) and the variable scope to fix."""

    error_type: str = "UNKNOWN"
    error_message: str = ""
    bpmn_process_id: str = ""
    workflow_key: int = NO_KEY
    workflow_instance_key: int = NO_KEY
    element_id: str = ""
    element_instance_key: int = NO_KEY
    job_key: int = NO_KEY
    variable_scope_key: int = NO_KEY


@dataclass(frozen=True, slots=True)
class VariableDocumentRecordValue(RecordValue):
    """SetVariables: a document merged into a scope, LOCAL or PROPAGATE."""

    scope_key: int = NO_KEY
    update_semantics: str = "PROPAGATE"
    variables: Mapping[str, Any] = field(default_factory=_empty)


@dataclass(frozen=True, slots=True)
class WorkflowInstanceResultRecordValue(RecordValue):
    """What CreateWorkflowInstanceWithResult answers with (a response, never written to the log)."""

    bpmn_process_id: str = ""
    workflow_key: int = NO_KEY
    version: int = -1
    variables: Mapping[str, Any] = field(default_factory=_empty)
    workflow_instance_key: int = NO_KEY


@dataclass(frozen=True, slots=True)
class MessageRecordValue(RecordValue):
    """A published message (PublishMessage), and its deletion when its time to live ends."""

    name: str = ""
    correlation_key: str = ""
    time_to_live: int = 0
    variables: Mapping[str, Any] = field(default_factory=_empty)
    message_id: str = ""


@dataclass(frozen=True, slots=True)
class MessageSubscriptionRecordValue(RecordValue):
    """The message partition's side of a catch element's subscription."""

    workflow_instance_key: int = NO_KEY
    element_instance_key: int = NO_KEY
    bpmn_process_id: str = ""
    message_key: int = NO_KEY
    message_name: str = ""
    correlation_key: str = ""
    close_on_correlate: bool = True
    target_element_id: str = ""

    json_excluded: ClassVar[frozenset[str]] = frozenset({"close_on_correlate", "target_element_id"})
    """Zeebe exports neither: `closeOnCorrelate` has no getter, and the catch event a subscription
    belongs to is the instance partition's bookkeeping, carried on OPEN for the engine's own use."""


@dataclass(frozen=True, slots=True)
class WorkflowInstanceSubscriptionRecordValue(RecordValue):
    """The workflow instance partition's side of a subscription: opened, correlated, closed."""

    subscription_partition_id: int = 0
    workflow_instance_key: int = NO_KEY
    element_instance_key: int = NO_KEY
    bpmn_process_id: str = ""
    message_key: int = NO_KEY
    message_name: str = ""
    variables: Mapping[str, Any] = field(default_factory=_empty)
    close_on_correlate: bool = True
    correlation_key: str = ""

    json_excluded: ClassVar[frozenset[str]] = frozenset({"subscription_partition_id", "close_on_correlate"})
    """Zeebe's JSON leaves out the partition id (`@JsonIgnore`) and `closeOnCorrelate` (no getter)."""


@dataclass(frozen=True, slots=True)
class MessageStartEventSubscriptionRecordValue(RecordValue):
    """A message start event of the latest workflow version, listening for its message name."""

    workflow_key: int = NO_KEY
    message_name: str = ""
    start_event_id: str = ""
    bpmn_process_id: str = ""


@dataclass(frozen=True, slots=True)
class TimerRecordValue(RecordValue):
    """A timer of a catch element (or of a start event: element and instance keys -1)."""

    element_instance_key: int = NO_KEY
    workflow_instance_key: int = NO_KEY
    due_date: int = NO_KEY
    target_element_id: str = ""
    repetitions: int = 1
    workflow_key: int = NO_KEY
