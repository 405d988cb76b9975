"""The fake Zeebe gateway: a real gRPC server for the 0.26 protocol over the in-memory engine."""

from pytest_zeebe.gateway.server import GatewayServer

__all__ = ["GatewayServer"]
