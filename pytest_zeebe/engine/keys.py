"""Zeebe's keys: the partition id in the high bits, a per-partition counter below.

Every entity (workflow, deployment, element instance, job, variable, ...) takes its key from the
counter of the partition it lives on, exactly as Zeebe's KeyGenerator does, so keys in responses
and records look like the real thing: the first key on partition 1 is 2251799813685249.
"""

from __future__ import annotations

KEY_BITS = 51
NO_KEY = -1
"""Zeebe writes -1 wherever a record has no key (commands from clients, a process's flow scope)."""


def encode_partition_id(partition_id: int, counter: int) -> int:
    """The key that carries `counter` on `partition_id`."""
    return (partition_id << KEY_BITS) + counter


def decode_partition_id(key: int) -> int:
    """The partition a key belongs to."""
    return key >> KEY_BITS


def subscription_partition_id(correlation_key: str, partition_count: int) -> int:
    """The partition of a correlation key: Zeebe's `SubscriptionUtil.getSubscriptionPartitionId`.

    Java's `String.hashCode` recurrence over the key's UTF-8 bytes taken as signed bytes, in 32-bit
    arithmetic; then `abs(hash % count) + 1` with Java's remainder (the sign of the dividend).
    """
    hash_code = 0
    for byte in correlation_key.encode("utf-8"):
        signed = byte - 256 if byte > 127 else byte
        hash_code = (31 * hash_code + signed + 2**31) % 2**32 - 2**31
    remainder = abs(hash_code) % partition_count
    return remainder + 1


class KeyGenerator:
    """One partition's key counter; pre-increments like Zeebe's, so the first key ends in 1."""

    __slots__ = ("_next",)

    def __init__(self, partition_id: int) -> None:
        self._next = encode_partition_id(partition_id, 0)

    def next_key(self) -> int:
        """Take the next key."""
        self._next += 1
        return self._next

    @property
    def last_key(self) -> int:
        """The key taken last (to undo a failed processing step with `rewind`)."""
        return self._next

    def rewind(self, last_key: int) -> None:
        """Make `last_key` the last key taken again."""
        self._next = last_key
