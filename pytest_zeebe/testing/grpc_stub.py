"""`zeebe.stub`: a ready `gateway_protocol.Gateway` client, so a test needs no `zeebe-grpc`.

The stub is generated at runtime from the gateway's descriptor in our private pool: one callable
per RPC of the service (`stub.Topology(request)`, `stub.ActivateJobs(request)` returns an iterator
of responses), the same calling convention as the stubs `grpcio-tools` generates. The request and
response classes are on `stub.messages` (`stub.messages.TopologyRequest()`), built from the same
pool, so nothing is registered in protobuf's default pool and `zeebe_grpc`/`pyzeebe` can live in
the same process.
"""

from __future__ import annotations

from typing import Any

import grpc

from pytest_zeebe.gateway import protocol as pb


class GatewayMessages:
    """The protocol's message classes by name: ``messages.CreateWorkflowInstanceRequest(...)``."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return pb.message_class(name)
        except KeyError:
            raise AttributeError(f"gateway_protocol has no message {name!r}") from None

    def __dir__(self) -> list[str]:
        return sorted(pb.POOL.FindFileContainingSymbol(pb.SERVICE_NAME).message_types_by_name)


messages = GatewayMessages()


class GatewayStub:
    """One callable per RPC of `gateway_protocol.Gateway`, on `channel`.

    :param channel: an open ``grpc.Channel`` (the harness makes one to its gateway and closes it).
    """

    messages = messages

    def __init__(self, channel: grpc.Channel) -> None:
        self.channel = channel
        self.rpc_names = tuple(method.name for method in pb.SERVICE.methods)
        for method in pb.SERVICE.methods:
            response_class = pb.message_class(method.output_type.name)
            factory = channel.unary_stream if method.server_streaming else channel.unary_unary
            callable_ = factory(
                pb.method_path(method.name),
                request_serializer=_serialize,
                response_deserializer=response_class.FromString,
            )
            setattr(self, method.name, callable_)

    def __getattr__(self, name: str) -> Any:
        """Only reached for names that are no RPC: say which ones there are."""
        raise AttributeError(f"the Gateway service has no RPC {name!r}; it has {', '.join(pb.SERVICE.methods_by_name)}")

    def __repr__(self) -> str:
        return f"<GatewayStub {len(self.rpc_names)} RPCs>"


def _serialize(message: Any) -> bytes:
    return bytes(message.SerializeToString())
