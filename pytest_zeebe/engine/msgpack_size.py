"""How many bytes a value takes in MessagePack, the form Zeebe writes records in.

Zeebe 0.26 cuts a job batch where its record would outgrow half the maximum message size, and
measures records in MessagePack bytes; so do we. Integers, strings and containers take their
smallest MessagePack encoding, as Zeebe's writer chooses it.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """A document Zeebe writes as a DocumentProperty: MessagePack binary around the encoded map."""

    value: Mapping[str, Any]


def _int_size(value: int) -> int:
    if -32 <= value <= 127:
        return 1
    if 0 <= value <= 0xFF or -(2**7) <= value < 0:
        return 2
    if 0 <= value <= 0xFFFF or -(2**15) <= value < 0:
        return 3
    if 0 <= value <= 0xFFFFFFFF or -(2**31) <= value < 0:
        return 5
    return 9


def _str_size(value: str) -> int:
    length = len(value) if value.isascii() else len(value.encode("utf-8", "replace"))
    if length < 32:
        return 1 + length
    if length <= 0xFF:
        return 2 + length
    if length <= 0xFFFF:
        return 3 + length
    return 5 + length


def _header_size(count: int) -> int:
    return 1 if count < 16 else 3 if count <= 0xFFFF else 5


def _binary_size(length: int) -> int:
    return length + (2 if length < 0x100 else 3 if length < 0x10000 else 5)


def size_of(value: Any) -> int:
    """The MessagePack length of a JSON-like value (or of a :class:`Document`)."""
    kind = type(value)  # exact types first: this runs for every property of every activated job
    if kind is str:
        return _str_size(value)
    if kind is int:
        return _int_size(value)
    if kind is dict:
        return _map_size(value)
    return _other_size(value)


def _map_size(value: Mapping[Any, Any]) -> int:
    size = _header_size(len(value))
    for key, item in value.items():
        size += (_str_size(key) if type(key) is str else size_of(key)) + size_of(item)
    return size


def _other_size(value: Any) -> int:
    if isinstance(value, Document):
        return _binary_size(size_of(value.value))
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return _int_size(value)
    if isinstance(value, float):
        return 5 if struct.unpack("f", struct.pack("f", value))[0] == value else 9
    if isinstance(value, str):
        return _str_size(value)
    if isinstance(value, Mapping):
        return _map_size(value)
    if isinstance(value, list | tuple):
        return _header_size(len(value)) + sum(size_of(item) for item in value)
    return _str_size(str(value))


def record_size(properties: Mapping[str, Any]) -> int:
    """The length of a record value written as a map of its properties."""
    return size_of(properties)
