"""Client mistakes and rejections → gRPC status codes and Zeebe's messages.

Every rejection maps to the status Zeebe's GrpcErrorMapper gives it; a client's mistake is never
INTERNAL.
"""

from __future__ import annotations

import json
import math
from typing import Any

import grpc

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
NOT_AN_OBJECT = "Property '{name}' is invalid: Expected document to be a root level object, but was '{type}'"
NOT_JSON = "Property '{name}' is invalid: Expected document to be valid JSON, but {reason}"
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


def _json_type(value: Any) -> str:
    """The MessagePack type name Zeebe reports for a document root that is not an object."""
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INTEGER"
    if isinstance(value, float):
        return "FLOAT"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list):
        return "ARRAY"
    return "NIL"


def _reject_constant(token: str) -> float:
    raise ValueError(f"'{token}' is not a JSON number")


def parse_document(text: str, name: str = "variables") -> dict[str, Any]:
    """A client's JSON document as a dict; blank means {}, anything but an object is refused."""
    if not text.strip():
        return {}
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        reason = f"parsing failed: {error}" if not isinstance(error, RecursionError) else "it is nested too deeply"
        raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, NOT_JSON.format(name=name, reason=reason)) from None
    if not isinstance(document, dict):
        raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, NOT_AN_OBJECT.format(name=name, type=_json_type(document)))
    _check_finite(document)
    return document


def _check_finite(document: dict[str, Any]) -> None:
    """Refuse numbers JSON cannot carry (1e999 parses to infinity); iterative, so depth is no issue."""
    pending: list[Any] = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, float) and not math.isfinite(value):
            reason = f"the number {value} is out of range"
            raise GatewayError(grpc.StatusCode.INVALID_ARGUMENT, NOT_JSON.format(name="variables", reason=reason))
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
