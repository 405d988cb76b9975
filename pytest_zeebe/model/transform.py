"""Resource → workflows: dispatch on the resource kind and turn every failure into a report.

Mirrors `DeploymentTransformer#transformResource`: read (YAML is first turned into BPMN XML), check
the document against the schema rules and the element types Zeebe's model knows, validate, then
build the workflows. Any other exception while doing so becomes a rejection carrying its message,
as in Zeebe, so malformed input never escapes as an unexpected exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_zeebe.model.bpmn_reader import read_workflows
from pytest_zeebe.model.document import Document, ModelReferenceError
from pytest_zeebe.model.model_types import UNKNOWN_ELEMENT_FAILURE, has_unregistered_element
from pytest_zeebe.model.resource import ResourceKind, ResourceRejectedError, TransformedResource
from pytest_zeebe.model.schema import conforms_to_schema
from pytest_zeebe.model.validation import validation_report
from pytest_zeebe.model.xml import PARSE_FAILURE, XmlRejectedError, parse_xml
from pytest_zeebe.model.yaml_reader import yaml_to_bpmn

if TYPE_CHECKING:
    from pytest_zeebe.feel import FeelEnv


def transform_resource(content: bytes, kind: ResourceKind, *, env: FeelEnv | None = None) -> TransformedResource:
    """Parse and validate one resource; raise ResourceRejectedError with Zeebe's report if invalid.

    `env` supplies `now()` to the timer start expressions Zeebe evaluates at deploy time.
    """
    try:
        return _transform(content, kind, env)
    except ResourceRejectedError:
        raise
    except Exception as error:
        raise ResourceRejectedError(str(error) or type(error).__name__) from error


def _transform(content: bytes, kind: ResourceKind, env: FeelEnv | None) -> TransformedResource:
    from_yaml = kind is ResourceKind.YAML
    bpmn_xml = yaml_to_bpmn(content) if from_yaml else content
    try:
        doc = Document(parse_xml(bpmn_xml))
    except XmlRejectedError:
        raise ResourceRejectedError(PARSE_FAILURE) from None
    if not from_yaml and not conforms_to_schema(doc):
        raise ResourceRejectedError(PARSE_FAILURE)
    if has_unregistered_element(doc):
        raise ResourceRejectedError(UNKNOWN_ELEMENT_FAILURE)
    try:
        report = validation_report(doc, env)
    except ModelReferenceError as error:  # Zeebe's validation stops at the reference its model cannot follow
        raise ResourceRejectedError(str(error)) from None
    if report is not None:
        raise ResourceRejectedError(report)
    process_ids = tuple(process.get("id", "") for process in doc.processes())
    return TransformedResource(workflows=read_workflows(doc), bpmn_xml=bpmn_xml, process_ids=process_ids)
