"""Variable documents: what clients send as JSON, checked and normalised before the engine sees it.

Zeebe converts a client's JSON document to MessagePack in the gateway. We keep what that
conversion keeps and refuse, with a clear INVALID_ARGUMENT-worthy text, what it cannot hold:
- only the first JSON value counts (Zeebe's converter ignores what follows it);
- a blank text means the empty document; the root must be an object;
- lone UTF-16 surrogates become `?`, as Java's `String.getBytes(UTF_8)` writes them;
- integers must fit MessagePack (int64 / uint64), floats must be finite, NaN/Infinity are refused;
- nesting is limited, so that nothing downstream can run out of stack.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any, cast

MAX_DEPTH = 256
"""Deepest nesting of objects and arrays a document may have."""

_INT_MIN = -(2**63)
_INT_MAX = 2**64 - 1

NOT_AN_OBJECT = "Property '{name}' is invalid: Expected document to be a root level object, but was '{type}'"
INVALID = "Property '{name}' is invalid: Expected document to be valid JSON, but {reason}"


class DocumentError(ValueError):
    """Raised when a variable document cannot be used; the message says why, in Zeebe's framing."""


def _type_name(value: Any) -> str:
    """The MessagePack type name Zeebe reports for a document root that is not an object."""
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INTEGER"
    if isinstance(value, float):
        return "FLOAT"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list | tuple):
        return "ARRAY"
    return "NIL"


def _reject_constant(token: str) -> float:
    raise ValueError(f"'{token}' is not a JSON number")


def parse_document(text: str, name: str = "variables") -> dict[str, Any]:
    """A client's JSON text as a normalised dict (see the module docstring)."""
    stripped = text.strip()
    if not stripped:
        return {}
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    try:
        document, _ = decoder.raw_decode(stripped)
    except RecursionError:
        raise DocumentError(INVALID.format(name=name, reason=f"it is nested deeper than {MAX_DEPTH} levels")) from None
    except ValueError as error:
        reason = "it has a number with too many digits" if "digits" in str(error) else f"parsing failed: {error}"
        raise DocumentError(INVALID.format(name=name, reason=reason)) from None
    return normalize_document(document, name)


def normalize_document(document: object, name: str = "variables") -> dict[str, Any]:
    """Check and copy a Python document (dicts, lists, str, int, float, bool, None) as Zeebe would store it."""
    if not isinstance(document, Mapping):
        raise DocumentError(NOT_AN_OBJECT.format(name=name, type=_type_name(document)))
    root: dict[str, Any] = {}
    pending: list[tuple[object, Any, int]] = [(document, root, 1)]
    while pending:
        source, target, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise DocumentError(INVALID.format(name=name, reason=f"it is nested deeper than {MAX_DEPTH} levels"))
        items: Iterable[tuple[Any, Any]] = (
            source.items() if isinstance(source, Mapping) else enumerate(cast("list[Any]", source))
        )
        for key, value in items:
            if isinstance(source, Mapping) and not isinstance(key, str):
                raise DocumentError(INVALID.format(name=name, reason=f"it has a non-string key {key!r}"))
            copied = _scalar(value, name)
            if isinstance(value, Mapping):
                copied = {}
                pending.append((value, copied, depth + 1))
            elif isinstance(value, list | tuple):
                copied = [None] * len(value)
                pending.append((value, copied, depth + 1))
            if isinstance(target, dict):
                target[_text(key)] = copied
            else:
                target[key] = copied
    return root


def _text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _scalar(value: Any, name: str) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise DocumentError(INVALID.format(name=name, reason=f"the integer {value} does not fit in 64 bits"))
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DocumentError(INVALID.format(name=name, reason=f"the number {value} is out of range"))
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, Mapping | list | tuple):
        return None  # filled in by the caller's walk
    raise DocumentError(INVALID.format(name=name, reason=f"{type(value).__name__} values are not JSON"))
