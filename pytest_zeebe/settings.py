"""The harness's settings, read the same way by the pytest plugin, `pytest-zeebe serve` and plain Python.

This module stays free of the engine, the gateway and pytest: the plugin reads its options through
it at every pytest run, so it must cost nothing to import. `Settings.engine_config()` loads the
engine only when a harness actually starts one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_zeebe.engine.engine import EngineConfig

DEFAULT_CLOCK_START = datetime(2021, 1, 1, tzinfo=UTC)
"""The engine's default start time (the engine's own DEFAULT_START; a test keeps the two equal)."""

DEFAULT_MAX_RESOURCE_SIZE = 0
"""No per-resource limit of our own by default, as Zeebe 0.26 (the engine's DEFAULT_MAX_RESOURCE_SIZE)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How an embedded engine is set up.

    :param partitions: partitions of the fake broker (1 to 8191).
    :param clock_start: the engine's start time, timezone-aware.
    :param time_zone: IANA zone of FEEL's ``now()`` and ``today()``.
    :param max_resource_size: the largest deployment resource in bytes.
    """

    partitions: int = 1
    clock_start: datetime = DEFAULT_CLOCK_START
    time_zone: str = "UTC"
    max_resource_size: int = DEFAULT_MAX_RESOURCE_SIZE

    def engine_config(self) -> EngineConfig:
        """These settings as the engine's configuration (which validates them)."""
        from pytest_zeebe.engine.engine import EngineConfig

        return EngineConfig(
            partition_count=self.partitions,
            clock_start=self.clock_start,
            max_resource_size=self.max_resource_size,
            time_zone=self.time_zone,
        )


def parse_clock_start(text: str, *, wall_now: datetime | None = None) -> datetime:
    """`now` (the wall time when the session starts, to the millisecond) or an ISO instant with offset."""
    if text.strip().lower() == "now":
        moment = wall_now or datetime.now(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"invalid zeebe clock start {text!r}: expected an ISO-8601 instant or 'now'") from None
    if moment.tzinfo is None:
        raise ValueError(f"invalid zeebe clock start {text!r}: it needs an offset, e.g. 2021-01-01T00:00:00Z")
    return moment


MAX_PARTITIONS = 8191
"""Zeebe's key layout leaves 13 bits for the partition id."""


def parse_positive_int(name: str, text: str, maximum: int | None = None) -> int:
    """A whole number from 1 to `maximum`, or a ValueError naming the setting."""
    try:
        number = int(text.strip())
    except ValueError:
        raise ValueError(f"invalid {name} {text!r}: expected a whole number") from None
    if number < 1:
        raise ValueError(f"invalid {name} {text!r}: expected at least 1")
    if maximum is not None and number > maximum:
        raise ValueError(f"invalid {name} {text!r}: expected at most {maximum}")
    return number


def parse_bool(name: str, text: str) -> bool:
    """`true`/`false` (also yes/no, on/off, 1/0; any case), or a ValueError naming the setting."""
    value = text.strip().lower()
    if value in ("true", "yes", "on", "1"):
        return True
    if value in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"invalid {name} {text!r}: expected true or false")


def parse_time_zone(text: str) -> str:
    """An IANA zone name that this Python knows, or a ValueError."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"invalid zeebe time zone {text!r}: expected an IANA zone name, e.g. Europe/Berlin") from None
    return name


def parse_address(text: str) -> str:
    """A gateway address `host:port`, checked (the port must be a number from 1 to 65535)."""
    host, separator, port = text.strip().rpartition(":")
    if not separator or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"invalid zeebe address {text!r}: expected host:port, e.g. 127.0.0.1:26500")
    return f"{host}:{int(port)}"
