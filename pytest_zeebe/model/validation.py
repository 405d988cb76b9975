"""The validation report of a BPMN document, formatted as Zeebe 0.26 prints it.

Zeebe validates in two passes over the whole document, design-time rules then runtime rules, and
writes the results of each pass as its own block: per element `- Element: <name>` followed by one
`    - ERROR: <message>` line per error (`BpmnValidator`, `ValidationErrorFormatter`). Zeebe keeps an
element's results in a hash map, so its element order varies; here elements appear in document
order within each block, which makes reports reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pytest_zeebe.model.design_rules import design_errors
from pytest_zeebe.model.document import (
    DATA_ELEMENTS,
    FLOW_ELEMENTS,
    Document,
    Element,
    element_name,
    java_boolean,
    local,
)
from pytest_zeebe.model.runtime_rules import runtime_errors

if TYPE_CHECKING:
    from pytest_zeebe.feel import FeelEnv


def _block(doc: Document, rules: Callable[[Element], list[str]]) -> str:
    lines = []
    for element in doc.elements:
        errors = rules(element)
        if errors:
            lines.append(f"- Element: {element_name(element)}\n")
            lines.extend(f"    - ERROR: {error}\n" for error in errors)
    return "".join(lines)


def _identity_errors(doc: Document, element: Element) -> list[str]:
    """Executable processes and their flow elements need ids (an invented rule, see below)."""
    if element.get("id") or local(element) in DATA_ELEMENTS:
        return []
    if local(element) not in FLOW_ELEMENTS and local(element) != "process":
        return []
    process = (
        element
        if local(element) == "process"
        else next((ancestor for ancestor in element.iterancestors() if local(ancestor) == "process"), None)
    )
    if process is None or not java_boolean(process.get("isExecutable"), False):
        return []
    return ["Attribute 'id' must be present and not empty"]


def validation_report(doc: Document, env: FeelEnv | None = None) -> str | None:
    """Zeebe's report for the document, or None when it is valid.

    A third block names executable processes and flow elements without an id. The BPMN schema
    allows them, and Zeebe 0.26 then fails with an internal exception (its message is `null`);
    the fake rejects them with a readable report instead (docs/deployment.md).
    """
    report = (
        _block(doc, lambda element: design_errors(doc, element))
        + _block(doc, lambda element: runtime_errors(doc, element, env))
        + _block(doc, lambda element: _identity_errors(doc, element))
    )
    return report or None
