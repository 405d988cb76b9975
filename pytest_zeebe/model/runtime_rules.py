"""Zeebe 0.26's runtime-aspect validation (`ZeebeRuntimeValidators`), one element at a time.

These rules parse every expression at deploy time, insist on `=`-expressions where the engine needs
one, check variable-mapping targets, and evaluate the few expressions that must be constant. Zeebe
runs them as a second pass after the design-time rules and prints their results as a second block
of the report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pytest_zeebe.feel import FeelSyntaxError, parse_attribute
from pytest_zeebe.model.document import (
    CATCH_EVENTS,
    Document,
    Element,
    attr,
    bpmn_children,
    local,
    text_content,
    zeebe_local,
)
from pytest_zeebe.model.expressions import (
    EvaluationFailed,
    check_message_name,
    evaluate_cycle,
    evaluate_date,
    evaluate_duration,
)

if TYPE_CHECKING:
    from pytest_zeebe.feel import FeelEnv

_PATH = "[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*)*"
_RESERVED = ("null", "true", "false", "function", "if", "then", "else", "for", "between", "instance", "of")


def _expression(text: str | None, errors: list[str], *, mandatory: bool, non_static: bool) -> None:
    """`ZeebeExpressionValidator.ExpressionVerification`: present, parseable, `=` if required."""
    if text is None:
        if mandatory:
            errors.append("Expected expression but not found.")
        return
    try:
        expression = parse_attribute(text)
    except FeelSyntaxError as error:
        errors.append(str(error))
        return
    if expression.is_static and non_static:
        errors.append(
            f"Expected expression but found static value '{text}'. An expression must start with '=' (e.g. '={text}')."
        )


def _path(text: str | None, errors: list[str]) -> None:
    """`ZeebeExpressionValidator.verifyPath` for variable-mapping targets."""
    if not text:
        errors.append("Expected path expression but not found.")
        return
    if not re.fullmatch(_PATH, text):
        errors.append(f"Expected path expression '{text}' but doesn't match the pattern '{_PATH}'.")
    if text in _RESERVED:
        errors.append(f"Expected path expression '{text}' but is one of the reserved words ({', '.join(_RESERVED)}).")


def _zeebe_element(el: Element, errors: list[str]) -> None:
    kind = zeebe_local(el)
    if kind in ("input", "output"):
        _expression(attr(el, "source"), errors, mandatory=True, non_static=True)
        _path(attr(el, "target"), errors)
    elif kind == "subscription":
        _expression(attr(el, "correlationKey"), errors, mandatory=True, non_static=True)
    elif kind == "loopCharacteristics":
        _expression(attr(el, "inputCollection"), errors, mandatory=True, non_static=True)
        _expression(attr(el, "outputElement"), errors, mandatory=False, non_static=True)
    elif kind == "taskDefinition":
        _expression(attr(el, "type"), errors, mandatory=True, non_static=False)
        _expression(attr(el, "retries") or "3", errors, mandatory=True, non_static=False)
    elif kind == "calledElement":
        _expression(attr(el, "processId"), errors, mandatory=True, non_static=False)


def _timer_check(doc: Document, event: Element, definition: Element, env: FeelEnv | None) -> str | None:
    """`TimerCatchEventExpressionValidator`: evaluate static timers and process start timers."""
    for field, kind, evaluate in (
        ("timeDuration", "duration", evaluate_duration),
        ("timeCycle", "cycle", evaluate_cycle),
        ("timeDate", "date", evaluate_date),
    ):
        children = bpmn_children(definition, field)
        if not children:
            continue
        text = text_content(children[0])
        try:
            expression = parse_attribute(text)
        except FeelSyntaxError as error:
            return f"Invalid timer {kind} expression ({error})" if doc.is_process_start_event(event) else None
        if not expression.is_static and not doc.is_process_start_event(event):
            return None
        try:
            evaluate(expression, None, env)
        except EvaluationFailed as failure:
            return f"Invalid timer {kind} expression ({failure})"
        return None
    return None


def _catch_event(doc: Document, el: Element, errors: list[str], env: FeelEnv | None) -> None:
    for definition in doc.event_definitions(el):
        if local(definition) == "timerEventDefinition":
            failure = _timer_check(doc, el, definition, env)
            if failure is not None:
                errors.append(failure)
    if not doc.is_process_start_event(el):
        return
    for definition in doc.event_definitions(el):
        if local(definition) != "messageEventDefinition":
            continue
        message = doc.message_of(definition)
        name = attr(message, "name") if message is not None else None
        if name is None:
            continue  # Zeebe fails with an internal exception here; the design-time report covers it
        try:
            check_message_name(name, env)
        except EvaluationFailed as failure:
            errors.append(str(failure))


def runtime_errors(doc: Document, el: Element, env: FeelEnv | None) -> list[str]:
    """The runtime-aspect validation messages for one element (empty when it is valid)."""
    errors: list[str] = []
    kind = local(el)
    if not kind:
        if zeebe_local(el):
            _zeebe_element(el, errors)
    elif kind == "message":
        _expression(attr(el, "name"), errors, mandatory=False, non_static=False)
    elif kind == "conditionExpression":
        _expression(text_content(el), errors, mandatory=True, non_static=True)
    elif kind == "timerEventDefinition":
        for field in ("timeDate", "timeDuration", "timeCycle"):
            for child in bpmn_children(el, field)[:1]:
                _expression(text_content(child), errors, mandatory=False, non_static=False)
    elif kind in CATCH_EVENTS:
        _catch_event(doc, el, errors, env)
    return errors
