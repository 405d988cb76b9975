"""The errors pytest-zeebe raises into tests."""

from __future__ import annotations


class ZeebeFakeError(Exception):
    """Base of every error pytest-zeebe raises."""


class CommandRejectedError(ZeebeFakeError):
    """Raised when the engine rejects a command; the message is Zeebe's rejection reason."""

    def __init__(self, intent: str, rejection_type: str, reason: str) -> None:
        super().__init__(reason)
        self.intent = intent
        self.rejection_type = rejection_type
        self.reason = reason

    @property
    def grpc_message(self) -> str:
        """The text a Zeebe gateway sends a client for this rejection."""
        return f"Command '{self.intent}' rejected with code '{self.rejection_type}': {self.reason}"


class DeploymentRejectedError(CommandRejectedError):
    """Raised when a deployment is rejected; the message is Zeebe's validation report."""


class InvalidResourceError(ZeebeFakeError):
    """Raised when a resource passed to `zeebe.deploy()` cannot be read or named, or the request is too large."""


class InvalidVariablesError(ZeebeFakeError, ValueError):
    """Raised when variables passed to the harness are not a JSON object (the message says why)."""


class EngineFailureError(ZeebeFakeError):
    """Raised at teardown when the fake engine or gateway failed during a test: a pytest-zeebe bug, or
    a record Zeebe 0.26 itself fails to process (the message says which)."""


class FakeOnlyError(ZeebeFakeError):
    """Raised when a test uses what only the embedded fake can do (clock, records, assertions on
    records, state queries) while it runs against a real gateway."""


class GatewayCallError(ZeebeFakeError):
    """Raised when a real gateway answers a harness call with an error that is no command rejection.

    :ivar code: the gRPC status name, e.g. ``"UNAVAILABLE"``.
    :ivar details: the gateway's message.
    """

    def __init__(self, rpc: str, code: str, details: str) -> None:
        super().__init__(f"{rpc} failed with {code}: {details}")
        self.rpc = rpc
        self.code = code
        self.details = details


class NoHarnessError(ZeebeFakeError, RuntimeError):
    """Raised when `assert_that` runs with no harness active (outside a test that uses `zeebe`)."""


class MockWorkerError(ZeebeFakeError):
    """Raised when a mock worker cannot do what it was told (its command was rejected, or it acts forever)."""


class InstanceNotCompletedError(ZeebeFakeError, AssertionError):
    """Raised by `create_instance_with_result` when nothing moves and the instance has not completed;
    the message explains where it waits."""


class UnassertedIncidentError(ZeebeFakeError):
    """Raised at teardown when an incident is still open that no assertion named."""
