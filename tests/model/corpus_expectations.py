"""What Zeebe 0.26 does with each corpus file: the processes it deploys, or its full report.

Shared by the transform-level and the gRPC-level corpus tests. Every report was derived by hand
from the validator sources of Zeebe 0.26.6 (bpmn-model `validation/zeebe/*Validator.java`, engine
`deployment/model/validation/*.java`) and SEMANTICS §2; a parse error text `?!` is the example
SEMANTICS quotes from `ZeebeRuntimeValidationTest`. An empty attribute counts as a missing one, as
camunda-xml-model's `DomElementImpl.getAttribute` returns null for "" (so `correlationKey=""` gives
`Expected expression but not found.`, as `ZeebeRuntimeValidationTest` expects for `zeebeInput("", ...)`).
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"

FEEL_PARSE_ERROR = "failed to parse expression '?!': [1.2] failure: end of input expected\n\n?!\n ^"
SAX = "SAXException while parsing input stream"
UNSUPPORTED = "Elements of this type are not supported"
ID_MISSING = "Attribute 'id' must be present and not empty"  # invented: Zeebe fails internally
PROCESS_ID_MISSING = "Attribute 'processId' must be present and not empty"
# Zeebe 0.26's ModelWalker casts every element to BpmnModelElementInstance; one its model does not
# register fails the whole resource with this JVM text (camunda/camunda#3278, #3388).
UNREGISTERED_ELEMENT = (
    "class org.camunda.bpm.model.xml.impl.instance.ModelElementInstanceImpl cannot be cast to class "
    "io.zeebe.model.bpmn.instance.BpmnModelElementInstance "
    "(org.camunda.bpm.model.xml.impl.instance.ModelElementInstanceImpl and "
    "io.zeebe.model.bpmn.instance.BpmnModelElementInstance are in unnamed module of loader 'app')"
)

DEPLOYED: dict[str, tuple[str, ...]] = {
    "artifacts_and_lanes.bpmn": ("artifacts",),
    "call_activity.bpmn": ("parent", "child"),
    "collaboration.bpmn": ("shop", "warehouse"),
    "collaboration_with_black_box.bpmn": ("handle-request",),
    "error_boundary.bpmn": ("errors",),
    "event_based_gateway.bpmn": ("wait-for-answer",),
    "intermediate_timers.bpmn": ("wait",),
    "latin1.bpmn": ("latin1",),
    "messages.bpmn": ("messages",),
    "multi_instance.bpmn": ("multi-instance",),
    "order_process.bpmn": ("order-process",),
    "parallel_gateway.bpmn": ("fork-join",),
    "subprocesses.bpmn": ("subprocesses",),
    "timer_start.bpmn": ("nightly",),
    "utf8_with_bom.bpmn": ("grüße",),
    "without_flow_references.bpmn": ("minimal",),
}


def _report(*entries: tuple[str, tuple[str, ...]]) -> str:
    return "".join(
        f"- Element: {element}\n" + "".join(f"    - ERROR: {message}\n" for message in messages)
        for element, messages in entries
    )


REJECTED: dict[str, str] = {
    "boundary_events_invalid.bpmn": _report(
        ("task", ("Multiple error event definitions with the same errorCode 'E' are not allowed.",)),
        ("no-outgoing", ("Must have at least one outgoing sequence flow",)),
        ("non-interrupting-error", ("Non-Interrupting event of this type is not allowed",)),
        ("interrupting-cycle", ("Interrupting timer event with time cycle is not allowed.",)),
        ("two-definitions", ("Cannot have incoming sequence flows", "Must have exactly one event definition")),
        ("nowhere", ("Must be attached to an activity", "Must have exactly one event definition")),
    ),
    "boundary_without_outgoing_reference.bpmn": _report(
        ("timeout", ("Must have at least one outgoing sequence flow",)),
    ),
    "camunda_platform_extensions.bpmn": UNREGISTERED_ELEMENT,
    "call_activity_invalid.bpmn": _report(
        ("no-called-element", ("Must have exactly one 'zeebe:calledElement' extension element",)),
        ("empty-process-id > extensionElements > calledElement", (PROCESS_ID_MISSING,)),
        ("missing-process-id > extensionElements > calledElement", (PROCESS_ID_MISSING,)),
        ("empty-process-id > extensionElements > calledElement", ("Expected expression but not found.",)),
        ("missing-process-id > extensionElements > calledElement", ("Expected expression but not found.",)),
    ),
    "collaboration_non_executable_user_task.bpmn": _report(("check-papers", (UNSUPPORTED,))),
    "conditional_flow_from_task.bpmn": _report(
        ("task", ("Conditional sequence flows are only supported at exclusive gateway",)),
        ("fork", ("Conditional sequence flows are only supported at exclusive gateway",)),
    ),
    "dangling_flow.bpmn": SAX,
    "duplicate_ids.bpmn": SAX,
    "end_events_invalid.bpmn": _report(
        ("not-the-end", ("End events must not have outgoing sequence flows to other elements.",)),
        ("message-end", ("End events must be one of: none or error",)),
        ("no-ref", ("Must reference an error",)),
        ("no-code-ref", ("ErrorCode must be present and not empty",)),
        ("two-errors", ("Must have at most one event definition",)),
        ("two-errors > errorEventDefinition", ("ErrorCode must be present and not empty",)),
        ("two-errors > errorEventDefinition", ("ErrorCode must be present and not empty",)),
    ),
    "event_gateway_invalid.bpmn": _report(
        (
            "single",
            (
                "Event-based gateway must have at least 2 outgoing sequence flows.",
                "Event-based gateway must not have an outgoing sequence flow to other elements than "
                "message/timer intermediate catch events.",
            ),
        ),
        (
            "duplicates",
            (
                "Multiple message event definitions with the same name 'same' are not allowed.",
                "Target elements of an event gateway must not have any additional incoming sequence flows "
                "other than that from the event gateway.",
            ),
        ),
    ),
    "exclusive_gateway.bpmn": _report(
        ("split", ("Default flow must not have a condition",)),
        ("other", ("Default flow must start at gateway",)),
        ("flow-none", ("Must have a condition or be default flow",)),
        (
            "flow-static > conditionExpression",
            ("Expected expression but found static value 'x > 1'. An expression must start with '=' (e.g. '=x > 1').",),
        ),
        ("flow-unparsable > conditionExpression", (FEEL_PARSE_ERROR,)),
        (
            "single-condition",
            ("Expected expression but found static value ''. An expression must start with '=' (e.g. '=').",),
        ),
    ),
    "intermediate_catch_invalid.bpmn": _report(
        ("no-definition", ("Must have exactly one event definition",)),
        ("cycle-only", ("Intermediate timer catch event must have either a time duration or a time date.",)),
        ("signal", ("Event definition must be one of: message, timer",)),
        ("signal > signalEventDefinition", ("Event definition of this type is not supported",)),
        (
            "bad-static-duration",
            ("Invalid timer duration expression (Invalid duration format 'PT1X' for expression 'PT1X')",),
        ),
    ),
    "invalid_id_and_boolean.bpmn": SAX,
    "io_mappings_invalid.bpmn": _report(
        (
            "task > extensionElements > ioMapping > input",
            ("Expected expression but found static value 'x'. An expression must start with '=' (e.g. '=x').",),
        ),
        ("task > extensionElements > ioMapping > input", ("Expected path expression but not found.",)),
        ("task > extensionElements > ioMapping > input", ("Expected expression but not found.",)),
        (
            "task > extensionElements > ioMapping > output",
            (
                "Expected path expression 'a ? b' but doesn't match the pattern "
                "'[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*)*'.",
            ),
        ),
        (
            "task > extensionElements > ioMapping > output",
            (
                "Expected path expression 'null' but is one of the reserved words "
                "(null, true, false, function, if, then, else, for, between, instance, of).",
            ),
        ),
        (
            "task > extensionElements > ioMapping > output",
            (FEEL_PARSE_ERROR, "Expected path expression but not found."),
        ),
    ),
    "message_start_invalid.bpmn": _report(
        ("shared", ("A message cannot be referred by more than one start event",)),
        ("number", ("A message cannot be referred by more than one start event",)),
        ("two-types", ("Start event can't have more than one type",)),
        (
            "start-variable",
            (
                "Expected constant expression but found '=variableReference', which could not be evaluated "
                "without context: failed to evaluate expression 'variableReference': no variable found for "
                "name 'variableReference'",
            ),
        ),
        ("start-boolean", ("Expected constant expression of type String for message name '=false', but was BOOLEAN",)),
        ("start-number", ("Expected constant expression of type String for message name '42', but was NUMBER",)),
        ("two-types", ("Expected constant expression of type String for message name '42', but was NUMBER",)),
    ),
    "messages_invalid.bpmn": _report(
        ("no-name", ("Name must be present and not empty",)),
        ("no-subscription", ("Must have exactly one zeebe:subscription extension element",)),
        ("empty-key > extensionElements > subscription", ("zeebe:correlationKey must be present and not empty",)),
        ("receive-nothing", ("Must reference a message",)),
        ("missing-ref", ("Must reference a message",)),
        (
            "static-key > extensionElements > subscription",
            (
                "Expected expression but found static value 'orderId'. "
                "An expression must start with '=' (e.g. '=orderId').",
            ),
        ),
        ("empty-key", (FEEL_PARSE_ERROR,)),
        ("empty-key > extensionElements > subscription", ("Expected expression but not found.",)),
    ),
    "multi_instance_invalid.bpmn": _report(
        (
            "no-zeebe-loop > multiInstanceLoopCharacteristics",
            ("Must have exactly one 'zeebe:loopCharacteristics' extension element",),
        ),
        (
            "loop-2 > extensionElements > loopCharacteristics",
            ("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set",),
        ),
        (
            "no-collection > multiInstanceLoopCharacteristics > extensionElements > loopCharacteristics",
            (
                "Attribute 'inputCollection' must be present and not empty",
                "Attribute 'outputCollection' must be present if the attribute 'outputElement' is set",
            ),
        ),
        (
            "loop-2 > extensionElements > loopCharacteristics",
            ("Expected expression but found static value 'items'. An expression must start with '=' (e.g. '=items').",),
        ),
        (
            "no-collection > multiInstanceLoopCharacteristics > extensionElements > loopCharacteristics",
            (
                "Expected expression but not found.",
                "Expected expression but found static value 'result'. "
                "An expression must start with '=' (e.g. '=result').",
            ),
        ),
    ),
    "missing_target_namespace.bpmn": SAX,
    "misordered_children.bpmn": SAX,
    "misspelled_element.bpmn": SAX,
    "zeebe_element_outside_extensions.bpmn": SAX,
    "missing_ids.bpmn": _report(
        ("definitions > process", (ID_MISSING,)),
        ("definitions > process > startEvent", (ID_MISSING,)),
        ("with-id > endEvent", (ID_MISSING,)),
        ("with-id > sequenceFlow", (ID_MISSING,)),
    ),
    "multiple_none_start_events.bpmn": _report(("two-starts", ("Multiple none start events are not allowed",))),
    "newer_zeebe_extension.bpmn": UNREGISTERED_ELEMENT,
    "no_start_event.bpmn": _report(("no-start", ("Must have at least one start event",))),
    "not_bpmn.bpmn": SAX,
    "not_executable.bpmn": _report(("definitions", ("Must contain at least one executable process",))),
    "process_as_root.bpmn": SAX,
    "same_message_names.bpmn": _report(
        (
            "wait",
            (
                "Multiple message event definitions with the same name 'update' are not allowed.",
                "Cannot reference the same message name as a boundary event",
            ),
        ),
    ),
    "subprocesses_invalid.bpmn": _report(
        ("subs", ("Multiple message event definitions with the same name 'tick' are not allowed.",)),
        ("timer-start-inside", ("Start events in subprocesses must be of type none",)),
        ("empty", ("Must have exactly one start event",)),
        ("none-start-event-sub", ("Start events in event subprocesses must be one of: message, timer, error",)),
        ("non-interrupting-error", ("Non-Interrupting event of this type is not allowed",)),
        ("cycle-interrupting", ("Interrupting timer event with time cycle is not allowed.",)),
    ),
    "task_definitions.bpmn": _report(
        ("no-definition", ("Must have exactly one 'zeebe:taskDefinition' extension element",)),
        ("two-definitions", ("Must have exactly one 'zeebe:taskDefinition' extension element",)),
        ("empty-type > extensionElements > taskDefinition", ("Task type must be present and not empty",)),
        ("missing-type > extensionElements > taskDefinition", ("Task type must be present and not empty",)),
        ("empty-type > extensionElements > taskDefinition", ("Expected expression but not found.",)),
        (
            "missing-type > extensionElements > taskDefinition",
            ("Expected expression but not found.", FEEL_PARSE_ERROR),
        ),
    ),
    "timer_start_invalid.bpmn": _report(
        ("empty-timer", ("Must be exactly one type of timer: timeDuration, timeDate or timeCycle",)),
        (
            "start-event-1",
            (
                "Invalid timer cycle expression (failed to evaluate expression 'INVALID_CYCLE_EXPRESSION': "
                "no variable found for name 'INVALID_CYCLE_EXPRESSION')",
            ),
        ),
        (
            "bad-date",
            (
                "Invalid timer date expression (Invalid date-time format '2021-13-01T00:00:00Z' "
                "for expression '2021-13-01T00:00:00Z')",
            ),
        ),
        ("no-repetition", ("Invalid timer cycle expression (Repetition spec must start with R)",)),
        (
            "number-cycle",
            (
                "Invalid timer cycle expression "
                "(Expected result of the expression '5' to be 'STRING', but was 'NUMBER'.)",
            ),
        ),
        (
            "bad-duration",
            (
                "Invalid timer duration expression (Invalid duration format 'five minutes' "
                "for expression 'five minutes')",
            ),
        ),
        ("unparsable", (f"Invalid timer duration expression ({FEEL_PARSE_ERROR})",)),
        ("unparsable-timer", (FEEL_PARSE_ERROR,)),
    ),
    "unclosed_tags.bpmn": SAX,
    "unregistered_bpmn_elements.bpmn": UNREGISTERED_ELEMENT,
    "unsupported_elements.bpmn": _report(
        *((element, (UNSUPPORTED,)) for element in ("script", "throw", "or", "plain-task", "send", "rules")),
        *((element, (UNSUPPORTED,)) for element in ("manual", "complex", "tx")),
    ),
    "unsupported_event_definitions.bpmn": _report(
        ("SignalEventDefinition_1", ("Event definition of this type is not supported",)),
        ("escalated", ("Boundary events must be one of: timer, message, error",)),
        ("escalated > escalationEventDefinition", ("Event definition of this type is not supported",)),
        ("terminate", ("End events must be one of: none or error",)),
        ("terminate > terminateEventDefinition", ("Event definition of this type is not supported",)),
    ),
    "user_task.bpmn": _report(("Activity_approve", (UNSUPPORTED,))),
}
