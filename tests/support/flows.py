"""Reading a scenario back from the record log: lifecycles per element, variables, incidents.

The engine tests of Zeebe 0.26 compare tuples such as (element type, intent); these helpers give
the same tuples from our log, so a test can state the expected sequence in a few lines.
"""

from __future__ import annotations

from typing import Any

from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing.harness import ZeebeHarness


def instance_records(zeebe: ZeebeHarness, **fields: Any) -> list[Record]:
    """The WORKFLOW_INSTANCE events whose values have these fields (`workflow_instance_key=...`)."""
    return [
        r
        for r in zeebe.records
        if r.value_type.value == "WORKFLOW_INSTANCE"
        and r.record_type.value == "EVENT"
        and all(getattr(r.value, name) == value for name, value in fields.items())
    ]


def lifecycle(zeebe: ZeebeHarness, **fields: Any) -> list[tuple[str, str, str]]:
    """(element id, element type, intent) of the matching WORKFLOW_INSTANCE events, in log order."""
    return [(r.value.element_id, r.value.bpmn_element_type, r.intent.value) for r in instance_records(zeebe, **fields)]


def keys_of(zeebe: ZeebeHarness, intent: str, **fields: Any) -> list[int]:
    """Keys of the matching WORKFLOW_INSTANCE events with `intent`, in log order."""
    return [r.key for r in instance_records(zeebe, **fields) if r.intent.value == intent]


def variables(zeebe: ZeebeHarness, **fields: Any) -> list[tuple[str, str, str, int]]:
    """(intent, name, JSON value, scope key) of the matching VARIABLE records, in log order."""
    return [
        (r.intent.value, r.value.name, r.value.value, r.value.scope_key)
        for r in zeebe.records
        if r.value_type.value == "VARIABLE" and all(getattr(r.value, n) == v for n, v in fields.items())
    ]


def incidents(zeebe: ZeebeHarness, intent: str = "CREATED") -> list[Record]:
    """INCIDENT events with `intent`, in log order."""
    return [r for r in zeebe.records if r.value_type.value == "INCIDENT" and r.intent.value == intent]


def subsequence(items: list[Any], expected: list[Any]) -> bool:
    """Whether `expected` occurs in `items` in order (not necessarily adjacent), as AssertJ's containsSubsequence."""
    remaining = iter(items)
    return all(any(item == wanted for item in remaining) for wanted in expected)
