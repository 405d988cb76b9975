"""Message subscriptions, on both sides (Zeebe's MessageSubscriptionState,
WorkflowInstanceSubscriptionState and MessageStartEventSubscriptionState).

A catch element's subscription lives twice: on the message partition (where messages are
matched by name and correlation key; it is *correlating* while a message is on its way to the
instance) and on the instance partition (OPENING until the message partition acknowledges,
OPENED, CLOSING while the close travels). Both are keyed by (element instance key, message name).
Message start events subscribe by message name for the latest version of their workflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pytest_zeebe.engine.journal import Entity, Table
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import MessageStartEventSubscriptionRecordValue

SubscriptionKey = tuple[int, str]
"""(element instance key, message name)."""


def _name_order(key: SubscriptionKey) -> tuple[int, int, bytes]:
    """Zeebe's RocksDB order of (element key, name): the key, then the name's length and bytes."""
    encoded = key[1].encode("utf-8", "replace")
    return key[0], len(encoded), encoded


class MessageSubscription(Entity):
    """The message partition's subscription; `correlating` while a correlation is unanswered."""

    __slots__ = (
        "bpmn_process_id",
        "close_on_correlate",
        "correlating",
        "correlation_key",
        "element_instance_key",
        "message_key",
        "message_name",
        "variables",
        "workflow_instance_key",
    )
    workflow_instance_key: int
    element_instance_key: int
    bpmn_process_id: str
    message_name: str
    correlation_key: str
    close_on_correlate: bool
    correlating: bool
    message_key: int
    variables: Mapping[str, Any]

    def __init__(
        self,
        workflow_instance_key: int,
        element_instance_key: int,
        bpmn_process_id: str,
        message_name: str,
        correlation_key: str,
        close_on_correlate: bool,
    ) -> None:
        self._init(
            workflow_instance_key=workflow_instance_key,
            element_instance_key=element_instance_key,
            bpmn_process_id=bpmn_process_id,
            message_name=message_name,
            correlation_key=correlation_key,
            close_on_correlate=close_on_correlate,
            correlating=False,
            message_key=NO_KEY,
            variables={},
        )


class MessageSubscriptionState:
    """Message subscriptions by (element, name), and by (name, correlation key) in element order."""

    __slots__ = ("by_correlation", "subscriptions")

    def __init__(self) -> None:
        self.subscriptions: Table[SubscriptionKey, MessageSubscription] = Table()
        self.by_correlation: Table[tuple[str, str], Table[int, None]] = Table()

    def get(self, element_instance_key: int, message_name: str) -> MessageSubscription | None:
        return self.subscriptions.get((element_instance_key, message_name))

    def matching(self, message_name: str, correlation_key: str) -> list[MessageSubscription]:
        """The subscriptions a message with this name and key matches, lowest element key first."""
        elements = self.by_correlation.get((message_name, correlation_key))
        if not elements:
            return []
        return [self.subscriptions[(element, message_name)] for element in sorted(elements)]

    def put(self, subscription: MessageSubscription) -> None:
        self.subscriptions[(subscription.element_instance_key, subscription.message_name)] = subscription
        slot = (subscription.message_name, subscription.correlation_key)
        self.by_correlation.setdefault(slot, Table())[subscription.element_instance_key] = None

    def remove(self, element_instance_key: int, message_name: str) -> bool:
        subscription = self.subscriptions.pop((element_instance_key, message_name), None)
        if subscription is None:
            return False
        slot = (message_name, subscription.correlation_key)
        elements = self.by_correlation.get(slot)
        if elements is not None:
            elements.pop(element_instance_key, None)
            if not elements:
                del self.by_correlation[slot]
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MessageSubscriptionState):
            return NotImplemented
        return self.subscriptions == other.subscriptions and self.by_correlation == other.by_correlation


class SubscriptionStatus(StrEnum):
    """Where an instance-side subscription is in its round trip with the message partition."""

    OPENING = "OPENING"
    OPENED = "OPENED"
    CLOSING = "CLOSING"


class WorkflowInstanceSubscription(Entity):
    """The instance partition's subscription: which catch event it triggers, and its status."""

    __slots__ = (
        "bpmn_process_id",
        "close_on_correlate",
        "correlation_key",
        "element_instance_key",
        "message_name",
        "status",
        "subscription_partition_id",
        "target_element_id",
        "workflow_instance_key",
    )
    workflow_instance_key: int
    element_instance_key: int
    bpmn_process_id: str
    message_name: str
    correlation_key: str
    target_element_id: str
    close_on_correlate: bool
    subscription_partition_id: int
    status: SubscriptionStatus

    def __init__(
        self,
        workflow_instance_key: int,
        element_instance_key: int,
        bpmn_process_id: str,
        message_name: str,
        correlation_key: str,
        target_element_id: str,
        close_on_correlate: bool,
        subscription_partition_id: int,
    ) -> None:
        self._init(
            workflow_instance_key=workflow_instance_key,
            element_instance_key=element_instance_key,
            bpmn_process_id=bpmn_process_id,
            message_name=message_name,
            correlation_key=correlation_key,
            target_element_id=target_element_id,
            close_on_correlate=close_on_correlate,
            subscription_partition_id=subscription_partition_id,
            status=SubscriptionStatus.OPENING,
        )


class WorkflowInstanceSubscriptionState:
    """Instance-side subscriptions by (element, name)."""

    __slots__ = ("by_element", "subscriptions")

    def __init__(self) -> None:
        self.subscriptions: Table[SubscriptionKey, WorkflowInstanceSubscription] = Table()
        self.by_element: Table[int, Table[str, None]] = Table()

    def get(self, element_instance_key: int, message_name: str) -> WorkflowInstanceSubscription | None:
        return self.subscriptions.get((element_instance_key, message_name))

    def of_element(self, element_instance_key: int) -> list[WorkflowInstanceSubscription]:
        """An element's subscriptions in Zeebe's order (message name by length, then bytes)."""
        names = self.by_element.get(element_instance_key)
        if not names:
            return []
        keys = sorted(((element_instance_key, name) for name in names), key=_name_order)
        return [self.subscriptions[k] for k in keys]

    def put(self, subscription: WorkflowInstanceSubscription) -> None:
        element = subscription.element_instance_key
        self.subscriptions[(element, subscription.message_name)] = subscription
        self.by_element.setdefault(element, Table())[subscription.message_name] = None

    def remove(self, element_instance_key: int, message_name: str) -> bool:
        if self.subscriptions.pop((element_instance_key, message_name), None) is None:
            return False
        names = self.by_element[element_instance_key]
        names.pop(message_name, None)
        if not names:
            del self.by_element[element_instance_key]
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkflowInstanceSubscriptionState):
            return NotImplemented
        return self.subscriptions == other.subscriptions and self.by_element == other.by_element


class MessageStartEventSubscriptionState:
    """Message start events of deployed workflows, by message name and by workflow key."""

    __slots__ = ("by_name",)

    def __init__(self) -> None:
        self.by_name: Table[str, Table[int, MessageStartEventSubscriptionRecordValue]] = Table()

    def subscribed_to(self, message_name: str) -> list[MessageStartEventSubscriptionRecordValue]:
        """The start events listening for `message_name`, lowest workflow key first."""
        subscriptions = self.by_name.get(message_name)
        return [subscriptions[key] for key in sorted(subscriptions)] if subscriptions else []

    def put(self, subscription: MessageStartEventSubscriptionRecordValue) -> None:
        self.by_name.setdefault(subscription.message_name, Table())[subscription.workflow_key] = subscription

    def remove_workflow(self, workflow_key: int) -> None:
        for name in list(self.by_name):
            subscriptions = self.by_name[name]
            if workflow_key in subscriptions:
                del subscriptions[workflow_key]
                if not subscriptions:
                    del self.by_name[name]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MessageStartEventSubscriptionState):
            return NotImplemented
        return self.by_name == other.by_name
