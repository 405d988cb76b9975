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
from pytest_zeebe.model.document import Document, Element, element_name
from pytest_zeebe.model.runtime_rules import runtime_errors

if TYPE_CHECKING:
    from pytest_zeebe.feel.api import FeelEnv


def _block(doc: Document, rules: Callable[[Element], list[str]]) -> str:
    lines = []
    for element in doc.elements:
        errors = rules(element)
        if errors:
            lines.append(f"- Element: {element_name(element)}\n")
            lines.extend(f"    - ERROR: {error}\n" for error in errors)
    return "".join(lines)


def validation_report(doc: Document, env: FeelEnv | None = None) -> str | None:
    """Zeebe's report for the document, or None when it is valid."""
    report = _block(doc, lambda element: design_errors(doc, element)) + _block(
        doc, lambda element: runtime_errors(doc, element, env)
    )
    return report or None
