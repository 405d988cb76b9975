"""Serving the gateway: a grpc.aio server on its own event-loop thread.

One thread runs the loop; every RPC handler and every long poll lives on it, so twenty idle
workers cost twenty parked coroutines, not twenty threads, and other RPCs keep answering.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc

from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.engine_calls import EngineCalls
from pytest_zeebe.gateway.errors import GatewayError
from pytest_zeebe.gateway.long_polling import LongPolls
from pytest_zeebe.gateway.servicer import GatewayServicer

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
"""gRPC's default receive limit, which Zeebe's gateway keeps: larger requests get RESOURCE_EXHAUSTED."""

UNEXPECTED = "Unexpected error occurred during the request processing: {error}"
UNDECODABLE = "Expected a valid '{type}' message, but it could not be decoded: {error}"


class GatewayServer:
    """A running fake gateway for `engine` on `host:port` (port 0 picks a free one).

    Handler failures that are bugs (never client mistakes) are answered INTERNAL and kept in
    `errors`, so a test harness can report them after the test.
    """

    def __init__(self, engine: Engine | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.engine = engine or Engine()
        self.host = host
        self._requested_port = port
        self.port = 0
        self.errors: list[BaseException] = []
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._server: grpc.aio.Server | None = None
        self.polls = LongPolls(self._loop)
        self.calls = EngineCalls(self.engine)
        self.engine.on_jobs_available(self.polls.notify)
        self.engine.on_reset(self.polls.cancel_all)

    @property
    def address(self) -> str:
        """`host:port` for a client's channel."""
        return f"{self.host}:{self.port}"

    def start(self) -> GatewayServer:
        """Start serving; returns once the port is bound."""
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._start())
            except BaseException as error:  # reported to the starting thread
                failure.append(error)
                started.set()
                return
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name=f"pytest-zeebe-gateway-{id(self):x}", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            raise failure[0]
        return self

    async def _start(self) -> None:
        options = [
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.so_reuseport", 0),
        ]
        server = grpc.aio.server(options=options)
        server.add_generic_rpc_handlers((self._handlers(),))
        try:
            self.port = server.add_insecure_port(f"{self.host}:{self._requested_port}")
        except RuntimeError:  # grpcio's "Failed to bind": the port is taken or the host is not ours
            self.port = 0
        if self.port == 0:
            raise OSError(f"could not bind the gateway to {self.host}:{self._requested_port}")
        await server.start()
        self._server = server

    def stop(self, grace: float | None = 1.0) -> None:
        """Stop serving and end the loop thread; open calls are cancelled after `grace` seconds."""
        if self._thread is None:
            return
        if self._server is not None:
            future = asyncio.run_coroutine_threadsafe(self._server.stop(grace), self._loop)
            future.result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._thread = None
        self._loop.close()
        self.calls.close()

    def __enter__(self) -> GatewayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- handlers -------------------------------------------------------------------------------

    def _handlers(self) -> Any:
        servicer = GatewayServicer(self.engine, self.polls, lambda: (self.host, self.port), self.calls)
        handlers: dict[str, Any] = {}
        for method in pb.SERVICE.methods:
            request_class = pb.message_class(method.input_type.name)
            response_class = pb.message_class(method.output_type.name)
            implementation = getattr(servicer, method.name)
            # Requests arrive as bytes and are decoded inside the guard: a message that does not
            # decode (invalid UTF-8 in a string field, say) is the client's mistake, INVALID_ARGUMENT.
            if method.server_streaming:
                behaviour: Any = self._guard_stream(method.name, request_class, implementation)
                handlers[method.name] = grpc.unary_stream_rpc_method_handler(
                    behaviour, response_serializer=response_class.SerializeToString
                )
            else:
                behaviour = self._guard_unary(method.name, request_class, implementation)
                handlers[method.name] = grpc.unary_unary_rpc_method_handler(
                    behaviour, response_serializer=response_class.SerializeToString
                )
        return grpc.method_handlers_generic_handler(pb.SERVICE_NAME, handlers)

    async def _fail(self, context: Any, error: BaseException) -> None:
        """End the call: a client mistake with its own status, anything else as INTERNAL (and kept)."""
        if isinstance(error, GatewayError):
            await context.abort(error.code, error.details)
        else:
            self.errors.append(error)
            await context.abort(grpc.StatusCode.INTERNAL, UNEXPECTED.format(error=error))

    def _guard_unary(self, rpc: str, request_class: Any, implementation: Callable[..., Any]) -> Callable[..., Any]:
        async def handle(raw: bytes, context: Any) -> Any:
            try:
                return await implementation(_decode(request_class, raw), context)
            except grpc.aio.AbortError:
                raise
            except Exception as error:
                await self._fail(context, error)

        return handle

    def _guard_stream(self, rpc: str, request_class: Any, implementation: Callable[..., Any]) -> Callable[..., Any]:
        assert inspect.isasyncgenfunction(implementation)

        async def handle(raw: bytes, context: Any) -> AsyncIterator[Any]:
            try:
                async for response in implementation(_decode(request_class, raw), context):
                    yield response
            except grpc.aio.AbortError:
                raise
            except Exception as error:
                await self._fail(context, error)

        return handle


def _decode(request_class: Any, raw: bytes) -> Any:
    """Decode a request, or raise INVALID_ARGUMENT: a malformed message is the client's mistake."""
    try:
        return request_class.FromString(raw)
    except Exception as error:  # DecodeError, or UnicodeDecodeError from the pure-Python protobuf
        name = request_class.DESCRIPTOR.name
        raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, UNDECODABLE.format(type=name, error=error)) from None
