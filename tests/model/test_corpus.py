"""The corpus through `transform_resource`: each file deploys or is rejected with Zeebe's report."""

from __future__ import annotations

import pytest

from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource
from tests.model.corpus_expectations import CORPUS, DEPLOYED, REJECTED


def test_every_corpus_file_has_an_expectation() -> None:
    files = {path.name for path in CORPUS.rglob("*.bpmn")}
    assert files == set(DEPLOYED) | set(REJECTED)
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(DEPLOYED))
def test_valid_file_deploys_its_executable_processes(name: str) -> None:
    content = (CORPUS / "valid" / name).read_bytes()
    resource = transform_resource(content, ResourceKind.BPMN)
    assert tuple(workflow.bpmn_process_id for workflow in resource.workflows) == DEPLOYED[name]
    assert resource.bpmn_xml == content


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_invalid_file_is_rejected_with_zeebes_report(name: str) -> None:
    content = (CORPUS / "invalid" / name).read_bytes()
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.BPMN)
    assert rejected.value.report == REJECTED[name]
