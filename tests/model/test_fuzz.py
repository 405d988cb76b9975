"""Structural mutations of the corpus never crash the transformation.

`transform_resource` turns any unexpected exception into a rejection (as Zeebe does), which would
hide a defect; these tests call the inner `_transform` so that only ResourceRejectedError may escape.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pytest_zeebe.model import ResourceKind, ResourceRejectedError
from pytest_zeebe.model.transform import _transform
from tests.model.corpus_expectations import CORPUS

# lxml warns when an element is truth-tested (an element without children is falsy): a defect here.
pytestmark = pytest.mark.filterwarnings("error::FutureWarning")

FILES = sorted(CORPUS.rglob("*.bpmn"))
VALUES = ["", " ", "=", "=?!", "=x", "=x > 1", "x", "true", "false", "R/PT1H", "PT5M", "42", "start", "f1", "task"]


def _mutate(path: Path, choices: list[tuple[int, int, int]]) -> bytes:
    root = etree.fromstring(path.read_bytes())
    for element_pick, action, value_pick in choices:
        elements = [element for element in root.iter() if isinstance(element.tag, str)]
        element = elements[element_pick % len(elements)]
        parent = element.getparent()
        attributes = sorted(element.attrib)
        if action == 0 and parent is not None:
            parent.remove(element)
        elif action == 1 and attributes:
            del element.attrib[attributes[value_pick % len(attributes)]]
        elif action == 2 and attributes:
            element.set(attributes[value_pick % len(attributes)], VALUES[value_pick % len(VALUES)])
        elif action == 3:
            element.text = VALUES[value_pick % len(VALUES)]
        elif action == 4 and parent is not None:
            parent.append(etree.fromstring(etree.tostring(element)))
    return bytes(etree.tostring(root))


def _outcome(content: bytes, kind: ResourceKind) -> str | list[str]:
    """The report, or the deployed process ids; any other exception fails the test."""
    try:
        return [workflow.bpmn_process_id for workflow in _transform(content, kind, None).workflows]
    except ResourceRejectedError as rejected:
        return rejected.report


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file_pick=st.integers(min_value=0, max_value=len(FILES) - 1),
    choices=st.lists(st.tuples(st.integers(0, 500), st.integers(0, 4), st.integers(0, 100)), min_size=1, max_size=6),
)
def test_mutated_corpus_files_are_deployed_or_rejected(file_pick: int, choices: list[tuple[int, int, int]]) -> None:
    path = FILES[file_pick]
    if path.name == "unclosed_tags.bpmn":
        return
    content = _mutate(path, choices)
    assert _outcome(content, ResourceKind.BPMN) == _outcome(content, ResourceKind.BPMN)  # deterministic


YAML_KEYS = ["name", "tasks", "id", "type", "goto", "switch", "case", "default", "end", "inputs", "source", "target"]


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(YAML_KEYS), children, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_arbitrary_yaml_documents_are_deployed_or_rejected(document: object) -> None:
    content = yaml.safe_dump(document).encode()
    assert _outcome(content, ResourceKind.YAML) == _outcome(content, ResourceKind.YAML)
