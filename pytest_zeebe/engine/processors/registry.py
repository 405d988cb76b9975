"""The processor table and the decorator that fills it."""

from __future__ import annotations

from collections.abc import Callable

from pytest_zeebe.engine.appliers.registry import AFTER, BEFORE, RecordKind
from pytest_zeebe.engine.context import ProcessingContext
from pytest_zeebe.engine.intents import Intent, RecordType, ValueType
from pytest_zeebe.engine.records import Record

Processor = Callable[[ProcessingContext, Record], None]
PROCESSORS: dict[RecordKind, Processor] = {}


def processes(record_type: RecordType, value_type: ValueType, *intents: Intent) -> Callable[[Processor], Processor]:
    """Register the decorated function as the processor of these records."""

    def register(processor: Processor) -> Processor:
        for intent in intents:
            key = (record_type, value_type, intent)
            if key in PROCESSORS:
                raise RuntimeError(f"two processors for {key!r}")
            PROCESSORS[key] = processor
        return processor

    return register


def has_hooks(kind: RecordKind) -> bool:
    """Whether processing records of `kind` changes state through a hook."""
    return kind in BEFORE or kind in AFTER
