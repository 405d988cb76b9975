"""The immutable workflow model the engine executes.

BPMN XML and YAML workflows are both turned into these objects at deploy time, so the engine never
touches XML and never parses an expression at run time. Objects are frozen dataclasses and the
containers are tuples or read-only mappings: a deployed workflow is shared by every instance of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_zeebe.feel import Expression


class BpmnElementType(StrEnum):
    """The element types as Zeebe 0.26 writes them in WORKFLOW_INSTANCE records."""

    UNSPECIFIED = "UNSPECIFIED"
    PROCESS = "PROCESS"
    SUB_PROCESS = "SUB_PROCESS"
    START_EVENT = "START_EVENT"
    INTERMEDIATE_CATCH_EVENT = "INTERMEDIATE_CATCH_EVENT"
    BOUNDARY_EVENT = "BOUNDARY_EVENT"
    END_EVENT = "END_EVENT"
    SERVICE_TASK = "SERVICE_TASK"
    RECEIVE_TASK = "RECEIVE_TASK"
    EXCLUSIVE_GATEWAY = "EXCLUSIVE_GATEWAY"
    PARALLEL_GATEWAY = "PARALLEL_GATEWAY"
    EVENT_BASED_GATEWAY = "EVENT_BASED_GATEWAY"
    SEQUENCE_FLOW = "SEQUENCE_FLOW"
    MULTI_INSTANCE_BODY = "MULTI_INSTANCE_BODY"
    CALL_ACTIVITY = "CALL_ACTIVITY"


class EventKind(StrEnum):
    """The event definition an event carries (Zeebe 0.26 supports none, message, timer, error)."""

    NONE = "NONE"
    MESSAGE = "MESSAGE"
    TIMER = "TIMER"
    ERROR = "ERROR"


class TimerKind(StrEnum):
    """Which of the three timer definitions a timer event uses."""

    DURATION = "DURATION"
    DATE = "DATE"
    CYCLE = "CYCLE"


@dataclass(frozen=True, slots=True)
class VariableMapping:
    """One `zeebe:input`/`zeebe:output`: `source` is an expression, `target` a variable path."""

    source: Expression
    target: str


@dataclass(frozen=True, slots=True)
class MessageDefinition:
    """A `bpmn:message` as a catch element references it."""

    name: Expression
    correlation_key: Expression | None


@dataclass(frozen=True, slots=True)
class TimerDefinition:
    """A `bpmn:timerEventDefinition`: one of duration, date or cycle."""

    kind: TimerKind
    expression: Expression


@dataclass(frozen=True, slots=True)
class MultiInstanceDefinition:
    """`bpmn:multiInstanceLoopCharacteristics` with its `zeebe:loopCharacteristics`."""

    is_sequential: bool
    input_collection: Expression
    input_element: str | None
    output_collection: str | None
    output_element: Expression | None


@dataclass(frozen=True, slots=True)
class SequenceFlow:
    """A sequence flow; `condition` is set only on flows leaving an exclusive gateway."""

    id: str
    source_id: str
    target_id: str
    condition: Expression | None = None
    element_type: BpmnElementType = BpmnElementType.SEQUENCE_FLOW


@dataclass(frozen=True, slots=True)
class FlowNode:
    """What every flow node shares: identity, position in the scope tree, flows and mappings.

    `flow_scope_id` is the id of the enclosing process or sub-process. `outgoing` keeps document
    order; where Zeebe 0.26 visits flows in reverse document order (exclusive gateway conditions,
    parallel forks), the engine reverses it.
    """

    id: str
    element_type: BpmnElementType
    flow_scope_id: str
    name: str | None = None
    incoming: tuple[str, ...] = ()
    outgoing: tuple[str, ...] = ()
    input_mappings: tuple[VariableMapping, ...] = ()
    output_mappings: tuple[VariableMapping, ...] = ()
    multi_instance: MultiInstanceDefinition | None = None
    boundary_event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StartEvent(FlowNode):
    """A start event of a process, sub-process or event sub-process."""

    event_kind: EventKind = EventKind.NONE
    message: MessageDefinition | None = None
    timer: TimerDefinition | None = None
    error_code: str | None = None
    interrupting: bool = True


@dataclass(frozen=True, slots=True)
class EndEvent(FlowNode):
    """A none or error end event."""

    event_kind: EventKind = EventKind.NONE
    error_code: str | None = None


@dataclass(frozen=True, slots=True)
class ServiceTask(FlowNode):
    """A service task: a job of `job_type` with `retries`, carrying the static `headers`."""

    job_type: Expression | None = None
    job_retries: Expression | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ReceiveTask(FlowNode):
    """A receive task waiting for `message`."""

    message: MessageDefinition | None = None


@dataclass(frozen=True, slots=True)
class IntermediateCatchEvent(FlowNode):
    """An intermediate message or timer catch event."""

    event_kind: EventKind = EventKind.NONE
    message: MessageDefinition | None = None
    timer: TimerDefinition | None = None


@dataclass(frozen=True, slots=True)
class BoundaryEvent(FlowNode):
    """A boundary event attached to the activity `attached_to_id`."""

    attached_to_id: str = ""
    cancel_activity: bool = True
    event_kind: EventKind = EventKind.NONE
    message: MessageDefinition | None = None
    timer: TimerDefinition | None = None
    error_code: str | None = None


@dataclass(frozen=True, slots=True)
class ExclusiveGateway(FlowNode):
    """An exclusive gateway; `default_flow_id` names its default flow, if any."""

    default_flow_id: str | None = None


@dataclass(frozen=True, slots=True)
class ParallelGateway(FlowNode):
    """A parallel fork or join."""


@dataclass(frozen=True, slots=True)
class EventBasedGateway(FlowNode):
    """An event-based gateway; its targets are message or timer catch events."""


@dataclass(frozen=True, slots=True)
class CallActivity(FlowNode):
    """A call activity starting the latest version of `called_process_id`."""

    called_process_id: Expression | None = None
    propagate_all_child_variables: bool = True


@dataclass(frozen=True, slots=True)
class Container(FlowNode):
    """A process, embedded sub-process or event sub-process: a scope with children.

    `none_start_event_id` is the start event a plain activation enters; `event_sub_process_ids` and
    `start_event_ids` let the engine open the scope's event subscriptions.
    """

    child_ids: tuple[str, ...] = ()
    start_event_ids: tuple[str, ...] = ()
    none_start_event_id: str | None = None
    event_sub_process_ids: tuple[str, ...] = ()
    triggered_by_event: bool = False


def _frozen_nodes() -> Mapping[str, FlowNode]:
    return MappingProxyType({})


def _frozen_flows() -> Mapping[str, SequenceFlow]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Workflow:
    """One executable process of a deployed resource."""

    bpmn_process_id: str
    name: str | None = None
    nodes: Mapping[str, FlowNode] = field(default_factory=_frozen_nodes)
    flows: Mapping[str, SequenceFlow] = field(default_factory=_frozen_flows)

    @property
    def process(self) -> Container:
        """The process itself, the root scope of every instance."""
        node = self.nodes[self.bpmn_process_id]
        assert isinstance(node, Container)
        return node

    def node(self, element_id: str) -> FlowNode:
        """The flow node with `element_id` (KeyError if there is none)."""
        return self.nodes[element_id]

    def flow(self, flow_id: str) -> SequenceFlow:
        """The sequence flow with `flow_id` (KeyError if there is none)."""
        return self.flows[flow_id]
