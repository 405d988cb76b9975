"""Zeebe 0.26's design-time validation (`io.zeebe.model.bpmn.validation.zeebe`), one element at a time.

`design_errors` returns an element's messages in the order Zeebe produces them: validators run for
each type of the element's type hierarchy from the most general down (flow element, flow node,
activity, task, service task, ...), and for one type in the order of `ZeebeDesignTimeValidators`.
Messages and conditions follow the validator sources, including their quirks: flows are counted
from the `<bpmn:incoming>`/`<bpmn:outgoing>` children, and every process is checked, executable
or not, because Zeebe walks the whole document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from pytest_zeebe.model.document import (
    ACTIVITIES,
    DATA_ELEMENTS,
    EVENT_DEFINITIONS,
    FLOW_ELEMENTS,
    FLOW_NODES,
    SUB_PROCESSES,
    SUPPORTED_FLOW_ELEMENTS,
    TIMER_FIELDS,
    Document,
    Element,
    bpmn_children,
    java_boolean,
    local,
    zeebe_local,
)

Rule = Callable[[Document, Element, list[str]], None]


def _duplicates(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    return [value for value, count in counts.items() if count > 1]


def _duplicate_definitions(doc: Document, definitions: Iterable[Element], errors: list[str]) -> None:
    """`ModelUtil.verifyNoDuplicatedEventDefinition`: message names, then error codes."""
    names = []
    codes = []
    for definition in definitions:
        if local(definition) == "messageEventDefinition":
            message = doc.message_of(definition)
            if message is not None and message.get("name"):
                names.append(message.get("name", ""))
        elif local(definition) == "errorEventDefinition":
            error = doc.error_of(definition)
            if error is not None and error.get("errorCode"):
                codes.append(error.get("errorCode", ""))
    errors.extend(
        f"Multiple message event definitions with the same name '{name}' are not allowed."
        for name in _duplicates(names)
    )
    errors.extend(
        f"Multiple error event definitions with the same errorCode '{code}' are not allowed."
        for code in _duplicates(codes)
    )


def _event_sub_process_definitions(doc: Document, scope: Element) -> list[Element]:
    definitions: list[Element] = []
    for sub_process in bpmn_children(scope, "subProcess"):
        if java_boolean(sub_process.get("triggeredByEvent"), False):
            for start in bpmn_children(sub_process, "startEvent"):
                definitions.extend(doc.event_definitions(start))
    return definitions


def _verify_interrupting(definitions: Iterable[Element], interrupting: bool, errors: list[str]) -> None:
    """`ModelUtil.verifyEventDefinition` for boundary and event sub-process start events."""
    for definition in definitions:
        kind = local(definition)
        if not interrupting and kind not in ("messageEventDefinition", "timerEventDefinition"):
            errors.append("Non-Interrupting event of this type is not allowed")
        if interrupting and kind == "timerEventDefinition" and bpmn_children(definition, "timeCycle"):
            errors.append("Interrupting timer event with time cycle is not allowed.")


def _flow_element(doc: Document, el: Element, errors: list[str]) -> None:
    if local(el) not in SUPPORTED_FLOW_ELEMENTS and local(el) not in DATA_ELEMENTS:
        errors.append("Elements of this type are not supported")


def _flow_node(doc: Document, el: Element, errors: list[str]) -> None:
    if local(el) == "exclusiveGateway":
        return
    if any(bpmn_children(flow, "conditionExpression") for flow in doc.as_flows(doc.outgoing(el))):
        errors.append("Conditional sequence flows are only supported at exclusive gateway")


def _activity(doc: Document, el: Element, errors: list[str]) -> None:
    definitions = [d for event in doc.boundary_events(el) for d in doc.event_definitions(event)]
    _duplicate_definitions(doc, definitions, errors)


def _service_task(doc: Document, el: Element, errors: list[str]) -> None:
    if len(doc.extension_elements(el, "taskDefinition")) != 1:
        errors.append("Must have exactly one 'zeebe:taskDefinition' extension element")


def _receive_task(doc: Document, el: Element, errors: list[str]) -> None:
    message = doc.message_of(el)
    if message is None:
        errors.append("Must reference a message")
        return
    names = [
        boundary_message.get("name")
        for event in doc.boundary_events(el)
        for definition in doc.event_definitions(event)
        if local(definition) == "messageEventDefinition"
        and (boundary_message := doc.message_of(definition)) is not None
        and boundary_message.get("name")
    ]
    if message.get("name") in names:
        errors.append("Cannot reference the same message name as a boundary event")


def _sub_process(doc: Document, el: Element, errors: list[str]) -> None:
    starts = bpmn_children(el, "startEvent")
    if len(starts) != 1:
        errors.append("Must have exactly one start event")
    if starts:
        definitions = doc.event_definitions(starts[0])
        if java_boolean(el.get("triggeredByEvent"), False):
            supported = ("timerEventDefinition", "messageEventDefinition", "errorEventDefinition")
            if not definitions:
                errors.append("Start events in event subprocesses must be one of: message, timer, error")
            errors.extend(
                "Start events in event subprocesses must be one of: message, timer, error"
                for definition in definitions
                if local(definition) not in supported
            )
            interrupting = java_boolean(starts[0].get("isInterrupting"), True)
            _verify_interrupting(definitions, interrupting, errors)
        elif definitions:
            errors.append("Start events in subprocesses must be of type none")
    _duplicate_definitions(doc, _event_sub_process_definitions(doc, el), errors)


def _call_activity(doc: Document, el: Element, errors: list[str]) -> None:
    if len(doc.extension_elements(el, "calledElement")) != 1:
        errors.append("Must have exactly one 'zeebe:calledElement' extension element")


def _start_event(doc: Document, el: Element, errors: list[str]) -> None:
    if len(doc.event_definitions(el)) > 1:
        errors.append("Start event can't have more than one type")


def _intermediate_catch_event(doc: Document, el: Element, errors: list[str]) -> None:
    definitions = doc.event_definitions(el)
    if len(definitions) != 1:
        errors.append("Must have exactly one event definition")
    elif local(definitions[0]) not in ("messageEventDefinition", "timerEventDefinition"):
        errors.append("Event definition must be one of: message, timer")
    elif local(definitions[0]) == "timerEventDefinition" and not (
        bpmn_children(definitions[0], "timeDuration") or bpmn_children(definitions[0], "timeDate")
    ):
        errors.append("Intermediate timer catch event must have either a time duration or a time date.")


def _boundary_event(doc: Document, el: Element, errors: list[str]) -> None:
    if doc.attached_to(el) is None:
        errors.append("Must be attached to an activity")
    if doc.incoming(el):
        errors.append("Cannot have incoming sequence flows")
    if not doc.outgoing(el):
        errors.append("Must have at least one outgoing sequence flow")
    definitions = doc.event_definitions(el)
    if len(definitions) != 1:
        errors.append("Must have exactly one event definition")
    supported = ("timerEventDefinition", "messageEventDefinition", "errorEventDefinition")
    errors.extend(
        "Boundary events must be one of: timer, message, error"
        for definition in definitions
        if local(definition) not in supported
    )
    _verify_interrupting(definitions, java_boolean(el.get("cancelActivity"), True), errors)


def _end_event(doc: Document, el: Element, errors: list[str]) -> None:
    if doc.outgoing(el):
        errors.append("End events must not have outgoing sequence flows to other elements.")
    definitions = doc.event_definitions(el)
    if len(definitions) > 1:
        errors.append("Must have at most one event definition")
    errors.extend(
        "End events must be one of: none or error"
        for definition in definitions
        if local(definition) != "errorEventDefinition"
    )


def _exclusive_gateway(doc: Document, el: Element, errors: list[str]) -> None:
    default = doc.resolve(el.get("default"), "sequenceFlow")
    if default is not None:
        if bpmn_children(default, "conditionExpression"):
            errors.append("Default flow must not have a condition")
        if doc.source(default) is not el:
            errors.append("Default flow must start at gateway")


def _is_message_or_timer_catch(doc: Document, node: Element | None) -> bool:
    if node is None or local(node) != "intermediateCatchEvent":
        return False
    definitions = doc.event_definitions(node)
    return len(definitions) == 1 and local(definitions[0]) in (
        "messageEventDefinition",
        "timerEventDefinition",
    )


def _event_based_gateway(doc: Document, el: Element, errors: list[str]) -> None:
    outgoing = doc.outgoing(el)
    if len(outgoing) < 2:
        errors.append("Event-based gateway must have at least 2 outgoing sequence flows.")
    targets = [doc.target(flow) for flow in doc.as_flows(outgoing)]
    if not all(_is_message_or_timer_catch(doc, target) for target in targets):
        errors.append(
            "Event-based gateway must not have an outgoing sequence flow to other elements than "
            "message/timer intermediate catch events."
        )
    catch_definitions = [
        definition
        for target in targets
        if target is not None and local(target) == "intermediateCatchEvent"
        for definition in doc.event_definitions(target)
        if local(definition) == "messageEventDefinition"
    ]
    _duplicate_definitions(doc, catch_definitions, errors)
    previous = (node for target in targets if target is not None for node in doc.previous_nodes(target))
    if any(node is not el for node in previous):
        errors.append(
            "Target elements of an event gateway must not have any additional incoming sequence "
            "flows other than that from the event gateway."
        )


def _sequence_flow(doc: Document, el: Element, errors: list[str]) -> None:
    source = doc.source(el)
    if source is None or local(source) != "exclusiveGateway":
        return
    default = doc.resolve(source.get("default"), "sequenceFlow")
    if len(doc.outgoing(source)) > 1 and default is not el and not bpmn_children(el, "conditionExpression"):
        errors.append("Must have a condition or be default flow")


def _definitions(doc: Document, el: Element, errors: list[str]) -> None:
    if not any(java_boolean(process.get("isExecutable"), False) for process in doc.processes()):
        errors.append("Must contain at least one executable process")


def _process(doc: Document, el: Element, errors: list[str]) -> None:
    starts = bpmn_children(el, "startEvent")
    if not starts:
        errors.append("Must have at least one start event")
    elif sum(1 for start in starts if not doc.event_definitions(start)) > 1:
        errors.append("Multiple none start events are not allowed")
    _duplicate_definitions(doc, _event_sub_process_definitions(doc, el), errors)


def _message(doc: Document, el: Element, errors: list[str]) -> None:
    references = doc.message_references
    if el in references.caught or el in references.received or references.sub_process_starts[el] == 1:
        if not el.get("name"):
            errors.append("Name must be present and not empty")
        if len(doc.extension_elements(el, "subscription")) != 1:
            errors.append("Must have exactly one zeebe:subscription extension element")
        return
    if references.process_starts[el] > 1:
        errors.append("A message cannot be referred by more than one start event")
    elif references.process_starts[el] == 1 and not el.get("name"):
        errors.append("Name must be present and not empty")


def _event_definition(doc: Document, el: Element, errors: list[str]) -> None:
    if local(el) not in ("messageEventDefinition", "timerEventDefinition", "errorEventDefinition"):
        errors.append("Event definition of this type is not supported")
    if local(el) == "errorEventDefinition":
        error = doc.error_of(el)
        if error is None:
            errors.append("Must reference an error")
        elif not error.get("errorCode"):
            errors.append("ErrorCode must be present and not empty")
    elif local(el) == "messageEventDefinition" and doc.message_of(el) is None:
        errors.append("Must reference a message")
    elif local(el) == "timerEventDefinition" and sum(len(bpmn_children(el, f)) for f in TIMER_FIELDS) != 1:
        errors.append("Must be exactly one type of timer: timeDuration, timeDate or timeCycle")


def _multi_instance(doc: Document, el: Element, errors: list[str]) -> None:
    if len(doc.extension_elements(el, "loopCharacteristics")) != 1:
        errors.append("Must have exactly one 'zeebe:loopCharacteristics' extension element")


def _zeebe_element(doc: Document, el: Element, errors: list[str]) -> None:
    kind = zeebe_local(el)
    if kind == "calledElement" and not el.get("processId"):
        errors.append("Attribute 'processId' must be present and not empty")
    elif kind == "loopCharacteristics":
        if not el.get("inputCollection"):
            errors.append("Attribute 'inputCollection' must be present and not empty")
        has_collection, has_element = bool(el.get("outputCollection")), bool(el.get("outputElement"))
        if has_collection and not has_element:
            errors.append("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set")
        elif has_element and not has_collection:
            errors.append("Attribute 'outputCollection' must be present if the attribute 'outputElement' is set")
    elif kind == "taskDefinition":
        if not el.get("type"):
            errors.append("Task type must be present and not empty")
    elif kind == "subscription" and not el.get("correlationKey"):
        errors.append("zeebe:correlationKey must be present and not empty")


def _rules_for(el: Element) -> list[Rule]:
    """The validators of the element's type hierarchy, most general type first."""
    kind = local(el)
    if not kind:
        return [_zeebe_element] if zeebe_local(el) else []
    rules: list[Rule] = []
    if kind in FLOW_ELEMENTS:
        rules.append(_flow_element)
    if kind in FLOW_NODES:
        rules.append(_flow_node)
    if kind in ACTIVITIES:
        rules.append(_activity)
    rules.extend(_TYPE_RULES.get(kind, ()))
    if kind in SUB_PROCESSES:
        rules.append(_sub_process)
    if kind in EVENT_DEFINITIONS:
        rules.append(_event_definition)
    return rules


_TYPE_RULES: dict[str, tuple[Rule, ...]] = {
    "serviceTask": (_service_task,),
    "receiveTask": (_receive_task,),
    "callActivity": (_call_activity,),
    "startEvent": (_start_event,),
    "intermediateCatchEvent": (_intermediate_catch_event,),
    "boundaryEvent": (_boundary_event,),
    "endEvent": (_end_event,),
    "exclusiveGateway": (_exclusive_gateway,),
    "eventBasedGateway": (_event_based_gateway,),
    "sequenceFlow": (_sequence_flow,),
    "definitions": (_definitions,),
    "process": (_process,),
    "message": (_message,),
    "multiInstanceLoopCharacteristics": (_multi_instance,),
}


def design_errors(doc: Document, el: Element) -> list[str]:
    """The design-time validation messages for one element (empty when it is valid)."""
    errors: list[str] = []
    for rule in _rules_for(el):
        rule(doc, el, errors)
    return errors
