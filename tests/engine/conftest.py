"""A gRPC client on the test's gateway, for the engine scenarios that go through the public surface."""

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
