"""Fixtures for the engine scenarios that go through the public surface.

They check incidents through gRPC records and state, not through assertions: an incident left open
at the end of such a test is the point, not a mistake, so the unasserted-incident check is off here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient


@pytest.fixture
def client(zeebe: ZeebeHarness) -> Iterator[GatewayClient]:
    gateway = GatewayClient(zeebe.address)
    yield gateway
    gateway.close()


@pytest.fixture(scope="session")
def zeebe_allow_incidents() -> bool:
    return True
