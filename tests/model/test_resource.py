"""Resource kinds by file name, as the gateway infers them for `ResourceType FILE` (SEMANTICS §2.1)."""

from __future__ import annotations

import pytest

from pytest_zeebe.model import ResourceKind, resource_kind_for_name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("order.bpmn", ResourceKind.BPMN),
        ("ORDER.BPMN", ResourceKind.BPMN),
        ("order.bpmn20.xml", ResourceKind.BPMN),
        ("order.yaml", ResourceKind.YAML),
        ("order.yml", None),
        ("order.xml", None),
        ("order", None),
    ],
)
def test_kind_follows_the_file_name(name: str, kind: ResourceKind | None) -> None:
    assert resource_kind_for_name(name) is kind
