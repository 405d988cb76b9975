"""`pytest-zeebe serve`: the fake gateway as a standalone process, for clients in any language.

The engine and gateway load when `serve` runs, so `pytest-zeebe --help` answers at once.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING

from pytest_zeebe.settings import DEFAULT_CLOCK_START, DEFAULT_MAX_RESOURCE_SIZE, Settings, parse_clock_start

if TYPE_CHECKING:
    from pytest_zeebe.engine.engine import EngineConfig


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0 to 65535)")
    return port


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pytest-zeebe", description="A fake Zeebe 0.26 gateway for tests.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the fake gateway until SIGINT or SIGTERM")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=26500, help="port to bind; 0 picks a free one (default 26500)")
    serve.add_argument("--partitions", type=int, default=1, help="number of partitions (default 1)")
    serve.add_argument(
        "--clock-start",
        default=None,
        help="engine start time, ISO-8601 with offset or 'now' (default 2021-01-01T00:00:00Z)",
    )
    serve.add_argument("--time-zone", default="UTC", help="IANA zone of FEEL's now() and today() (default UTC)")
    serve.add_argument(
        "--max-resource-size",
        type=int,
        default=DEFAULT_MAX_RESOURCE_SIZE,
        help="largest deployment resource in bytes (default: no limit of our own; gRPC's 4 MB request limit applies)",
    )
    return parser


def serve(host: str, port: int, config: EngineConfig) -> int:
    """Serve until SIGINT or SIGTERM; print the listening line first, flushed."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    from pytest_zeebe.engine.engine import Engine
    from pytest_zeebe.gateway.server import GatewayServer

    server = GatewayServer(Engine(config), host=host, port=port).start()
    print(f"pytest-zeebe gateway listening on {server.address}", flush=True)
    try:
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pytest-zeebe` console script."""
    arguments = _parser().parse_args(argv)
    try:
        start = parse_clock_start(arguments.clock_start) if arguments.clock_start else DEFAULT_CLOCK_START
        settings = Settings(
            partitions=arguments.partitions,
            clock_start=start,
            time_zone=arguments.time_zone,
            max_resource_size=arguments.max_resource_size,
        )
        config = settings.engine_config()
    except ValueError as error:
        print(f"pytest-zeebe: {error}", file=sys.stderr)
        return 2
    try:
        return serve(arguments.host, arguments.port, config)
    except OSError as error:
        print(f"pytest-zeebe: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
