"""Client mistakes and rejections → gRPC status codes and Zeebe's messages.

Every rejection maps to the status Zeebe's GrpcErrorMapper gives it; a client's mistake is never
INTERNAL.
"""

from __future__ import annotations

from typing import Any

import grpc

from pytest_zeebe.engine import documents
from pytest_zeebe.engine.intents import RejectionType
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.results import Rejected

STATUS_FOR_REJECTION: dict[RejectionType, grpc.StatusCode] = {
    RejectionType.INVALID_ARGUMENT: grpc.StatusCode.INVALID_ARGUMENT,
    RejectionType.NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    RejectionType.ALREADY_EXISTS: grpc.StatusCode.ALREADY_EXISTS,
    RejectionType.INVALID_STATE: grpc.StatusCode.FAILED_PRECONDITION,
    RejectionType.PROCESSING_ERROR: grpc.StatusCode.INTERNAL,
}

PARTITION_NOT_FOUND = (
    "Expected to execute command on partition {partition}, but either it does not exist, "
    "or the gateway is not yet aware of it"
)
INVALID_ARGUMENT = "Expected argument '{name}' to be {expected}, but was {actual}"


class GatewayError(Exception):
    """Raised inside the servicer to end an RPC with `code` and `details`."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(details)
        self.code = code
        self.details = details


def rejection_error(rejected: Rejected) -> GatewayError:
    """The gRPC error a client sees for an engine rejection."""
    code = STATUS_FOR_REJECTION.get(rejected.rejection_type, grpc.StatusCode.UNKNOWN)
    return GatewayError(code, rejected.message)


def check_partition(key: int, partition_count: int) -> None:
    """Refuse a keyed command whose key names a partition this gateway does not know."""
    partition = decode_partition_id(key)
    if not 1 <= partition <= partition_count:
        raise GatewayError(grpc.StatusCode.UNAVAILABLE, PARTITION_NOT_FOUND.format(partition=partition))


def parse_document(text: str, name: str = "variables") -> dict[str, Any]:
    """A client's JSON document as a dict, or INVALID_ARGUMENT saying why it cannot be used."""
    try:
        return documents.parse_document(text, name)
    except documents.DocumentError as error:
        raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, str(error)) from None


TIMED_OUT = "Time out between gateway and broker: Request timed out after {duration}"
"""The 0.26 gateway's DEADLINE_EXCEEDED text: its transport's TimeoutException through GrpcErrorMapper."""


def java_duration(millis: int) -> str:
    """Java's `Duration.toString()` of a whole number of milliseconds (PT15S, PT0.5S, PT1H30M)."""
    if millis == 0:
        return "PT0S"
    sign = "-" if millis < 0 else ""
    millis = abs(millis)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, fraction = divmod(rest, 1000)
    text = "PT"
    if hours:
        text += f"{sign}{hours}H"
    if minutes:
        text += f"{sign}{minutes}M"
    if seconds or fraction:
        text += f"{sign}{seconds}"
        if fraction:
            text += "." + f"{fraction:03d}".rstrip("0")
        text += "S"
    return text


def timeout_error(millis: int) -> GatewayError:
    """DEADLINE_EXCEEDED for a request the broker did not answer within `millis`."""
    return GatewayError(grpc.StatusCode.DEADLINE_EXCEEDED, TIMED_OUT.format(duration=java_duration(millis)))
