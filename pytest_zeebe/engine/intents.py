"""Record types, value types, rejection types and intents, named as Zeebe 0.26 names them."""

from __future__ import annotations

from enum import StrEnum


class RecordType(StrEnum):
    """What a record is: a command, the event it caused, or the command's rejection."""

    COMMAND = "COMMAND"
    EVENT = "EVENT"
    COMMAND_REJECTION = "COMMAND_REJECTION"


class RejectionType(StrEnum):
    """Why a command was rejected; NULL_VAL on records that are no rejection."""

    NULL_VAL = "NULL_VAL"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    INVALID_STATE = "INVALID_STATE"
    PROCESSING_ERROR = "PROCESSING_ERROR"


class ValueType(StrEnum):
    """The kind of value a record carries."""

    DEPLOYMENT = "DEPLOYMENT"
    WORKFLOW_INSTANCE = "WORKFLOW_INSTANCE"
    WORKFLOW_INSTANCE_CREATION = "WORKFLOW_INSTANCE_CREATION"
    WORKFLOW_INSTANCE_RESULT = "WORKFLOW_INSTANCE_RESULT"
    JOB = "JOB"
    JOB_BATCH = "JOB_BATCH"
    INCIDENT = "INCIDENT"
    MESSAGE = "MESSAGE"
    MESSAGE_SUBSCRIPTION = "MESSAGE_SUBSCRIPTION"
    WORKFLOW_INSTANCE_SUBSCRIPTION = "WORKFLOW_INSTANCE_SUBSCRIPTION"
    MESSAGE_START_EVENT_SUBSCRIPTION = "MESSAGE_START_EVENT_SUBSCRIPTION"
    TIMER = "TIMER"
    VARIABLE = "VARIABLE"
    VARIABLE_DOCUMENT = "VARIABLE_DOCUMENT"
    ERROR = "ERROR"


class Intent(StrEnum):
    """Base of the per-value-type intent enums."""


class DeploymentIntent(Intent):
    CREATE = "CREATE"
    CREATED = "CREATED"
    DISTRIBUTE = "DISTRIBUTE"
    DISTRIBUTED = "DISTRIBUTED"


class WorkflowInstanceIntent(Intent):
    CANCEL = "CANCEL"
    SEQUENCE_FLOW_TAKEN = "SEQUENCE_FLOW_TAKEN"
    ELEMENT_ACTIVATING = "ELEMENT_ACTIVATING"
    ELEMENT_ACTIVATED = "ELEMENT_ACTIVATED"
    ELEMENT_COMPLETING = "ELEMENT_COMPLETING"
    ELEMENT_COMPLETED = "ELEMENT_COMPLETED"
    ELEMENT_TERMINATING = "ELEMENT_TERMINATING"
    ELEMENT_TERMINATED = "ELEMENT_TERMINATED"
    EVENT_OCCURRED = "EVENT_OCCURRED"


class WorkflowInstanceCreationIntent(Intent):
    CREATE = "CREATE"
    CREATE_WITH_AWAITING_RESULT = "CREATE_WITH_AWAITING_RESULT"
    CREATED = "CREATED"


class JobIntent(Intent):
    CREATE = "CREATE"
    CREATED = "CREATED"
    ACTIVATED = "ACTIVATED"
    COMPLETE = "COMPLETE"
    COMPLETED = "COMPLETED"
    TIME_OUT = "TIME_OUT"
    TIMED_OUT = "TIMED_OUT"
    FAIL = "FAIL"
    FAILED = "FAILED"
    UPDATE_RETRIES = "UPDATE_RETRIES"
    RETRIES_UPDATED = "RETRIES_UPDATED"
    CANCEL = "CANCEL"
    CANCELED = "CANCELED"
    THROW_ERROR = "THROW_ERROR"
    ERROR_THROWN = "ERROR_THROWN"


class JobBatchIntent(Intent):
    ACTIVATE = "ACTIVATE"
    ACTIVATED = "ACTIVATED"


class ErrorIntent(Intent):
    CREATED = "CREATED"


class VariableIntent(Intent):
    CREATED = "CREATED"
    UPDATED = "UPDATED"


class VariableDocumentIntent(Intent):
    UPDATE = "UPDATE"
    UPDATED = "UPDATED"


class IncidentIntent(Intent):
    CREATE = "CREATE"
    CREATED = "CREATED"
    RESOLVE = "RESOLVE"
    RESOLVED = "RESOLVED"


class WorkflowInstanceResultIntent(Intent):
    COMPLETED = "COMPLETED"


class MessageIntent(Intent):
    PUBLISH = "PUBLISH"
    PUBLISHED = "PUBLISHED"
    DELETE = "DELETE"
    DELETED = "DELETED"


class MessageSubscriptionIntent(Intent):
    OPEN = "OPEN"
    OPENED = "OPENED"
    CORRELATE = "CORRELATE"
    CORRELATED = "CORRELATED"
    REJECT = "REJECT"
    REJECTED = "REJECTED"
    CLOSE = "CLOSE"
    CLOSED = "CLOSED"


class WorkflowInstanceSubscriptionIntent(Intent):
    OPEN = "OPEN"
    OPENED = "OPENED"
    CORRELATE = "CORRELATE"
    CORRELATED = "CORRELATED"
    CLOSE = "CLOSE"
    CLOSED = "CLOSED"


class MessageStartEventSubscriptionIntent(Intent):
    OPEN = "OPEN"
    OPENED = "OPENED"
    CLOSE = "CLOSE"
    CLOSED = "CLOSED"


class TimerIntent(Intent):
    CREATE = "CREATE"
    CREATED = "CREATED"
    TRIGGER = "TRIGGER"
    TRIGGERED = "TRIGGERED"
    CANCEL = "CANCEL"
    CANCELED = "CANCELED"


class ErrorType(StrEnum):
    """Why an incident was raised (Zeebe 0.26's ErrorType)."""

    UNKNOWN = "UNKNOWN"
    IO_MAPPING_ERROR = "IO_MAPPING_ERROR"
    JOB_NO_RETRIES = "JOB_NO_RETRIES"
    CONDITION_ERROR = "CONDITION_ERROR"
    EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR"
    CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR"
    UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT"
    MESSAGE_SIZE_EXCEEDED = "MESSAGE_SIZE_EXCEEDED"
