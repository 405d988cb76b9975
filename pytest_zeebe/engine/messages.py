"""Rejection and incident texts, worded exactly as Zeebe 0.26 words them.

Processors format these; they never build a client-facing text inline.
"""

# Processing failures (ProcessingStateMachine#onError)
PROCESSING_FAILED = (
    "Expected to process event '{record}' without errors, but exception occurred with message '{message}'."
)

# The clock (ours: Zeebe's checkers would spin forever instead)
ENDLESS_DUE_WORK = (
    "more than {count} items fell due in one millisecond (the last a {kind}): a timer cycle with a "
    "zero or negative interval (such as R/PT0S) fires forever"
)

# Deployment (TransformingDeploymentCreateProcessor, DeploymentTransformer)
NO_RESOURCES = "Expected to deploy at least one resource, but none given"
DEPLOYMENT_ERRORS = "Expected to deploy new resources, but encountered the following errors:"
DUPLICATE_PROCESS_ID = "Duplicated process id in resources '{first}' and '{second}'"
RESOURCE_TOO_LARGE = "Expected resource to be at most {limit} bytes, but it has {size} bytes"

# Workflow instance creation (CreateWorkflowInstanceProcessor)
WORKFLOW_NOT_FOUND_BY_ID = "Expected to find workflow definition with process ID '{id}', but none found"
WORKFLOW_NOT_FOUND_BY_ID_AND_VERSION = (
    "Expected to find workflow definition with process ID '{id}' and version '{version}', but none found"
)
WORKFLOW_NOT_FOUND_BY_KEY = "Expected to find workflow definition with key '{key}', but none found"
NO_ID_OR_KEY = "Expected at least a bpmnProcessId or a key greater than -1, but none given"
NO_NONE_START_EVENT = "Expected to create instance of workflow with none start event, but there is no such event"

# Jobs (DefaultJobCommandProcessor, JobBatchActivateProcessor, TimeOutProcessor)
JOB_NOT_FOUND = "Expected to {verb} job with key '{key}', but no such job was found"
JOB_INVALID_STATE = "Expected to {verb} job with key '{key}', but it is in state '{state}'"
TIME_OUT_REJECTED = "Expected to time out activated job with key '{key}', but {reason}"
TIME_OUT_NOT_FOUND = "no such job was found"
TIME_OUT_NOT_ACTIVATED = "it must be activated first"
TIME_OUT_FAILED = "it is marked as failed"
BATCH_MAX_JOBS = (
    "Expected to activate job batch with max jobs to activate to be greater than zero, but it was '{value}'"
)
BATCH_TIMEOUT = "Expected to activate job batch with timeout to be greater than zero, but it was '{value}'"
BATCH_TYPE = "Expected to activate job batch with type to be present, but it was blank"
BATCH_WORKER = "Expected to activate job batch with worker to be present, but it was blank"
JOB_CANCEL_NOT_FOUND = "Expected to cancel job with key '{key}', but no such job was found"
RETRIES_NOT_FOUND = "Expected to update retries for job with key '{key}', but no such job was found"
RETRIES_NOT_POSITIVE = (
    "Expected to update retries for job with key '{key}' with a positive amount of retries, "
    "but the amount given was '{retries}'"
)
NO_RETRIES_LEFT = "No more retries left."
JOB_TOO_LARGE = (
    "The job with key '{key}' can not be activated because it is larger than the configured message size ({size}). "
    "Try to reduce the size by reducing the number of fetched variables or modifying the variable values."
)

# Incidents (CreateIncidentProcessor, ResolveIncidentProcessor)
INCIDENT_NO_FAILED_RECORD = (
    "Expected to create incident for failed record with key '{key}', but no such record was found"
)
INCIDENT_JOB_NOT_FOUND = "Expected to create incident for failed job with key '{key}', but no such job was found"
INCIDENT_JOB_INVALID_STATE = "Expected to create incident for failed job with key '{key}', but it is in state '{state}'"
INCIDENT_NOT_FOUND = "Expected to resolve incident with key '{key}', but no such incident was found"

# Call activities (CallActivityProcessor): CALLED_ELEMENT_ERROR incidents
CALLED_WORKFLOW_NOT_DEPLOYED = "Expected workflow with BPMN process id '{id}' to be deployed, but not found."
CALLED_WORKFLOW_WITHOUT_NONE_START = (
    "Expected workflow with BPMN process id '{id}' to have a none start event, but not found."
)

# Multi-instance (MultiInstanceBodyProcessor#insertAt reads past the output collection's end)
OUTPUT_COLLECTION_OVERRUN = (
    "index={size} length=1 capacity={size} (Zeebe 0.26 fails to process this record with an "
    "IndexOutOfBoundsException: inner instance {counter} of multi-instance '{element}' completed, but the "
    "output collection '{collection}' was sized for {length} items when the body was activated; "
    "the input collection grew since)"
)

# Workflow instances (CancelWorkflowInstanceHandler, UpdateVariableDocumentProcessor)
CANCEL_NOT_FOUND = "Expected to cancel a workflow instance with key '{key}', but no such workflow was found"
CANCEL_NOT_ROOT = (
    "Expected to cancel a workflow instance with key '{key}', but it is created by a parent workflow instance. "
    "Cancel the root workflow instance '{root}' instead."
)
VARIABLES_SCOPE_NOT_FOUND = "Expected to update variables for element with key '{key}', but no such element was found"

# Errors (EndEventProcessor, JobErrorThrownProcessor)
ERROR_NOT_CAUGHT = "Expected to throw an error event with the code '{code}', but it was not caught."
JOB_ERROR_NOT_CAUGHT = "An error was thrown with the code '{code}' but not caught."

# Messages (PublishMessageProcessor)
MESSAGE_ALREADY_PUBLISHED = (
    "Expected to publish a new message with id '{id}', but a message with that id was already published"
)

# Message subscriptions, message partition (Open/Correlate/Close MessageSubscriptionProcessor,
# RejectMessageCorrelationProcessor)
SUBSCRIPTION_ALREADY_OPENED = (
    "Expected to open a new message subscription for element with key '{key}' and message name '{name}', "
    "but there is already a message subscription for that element key and message name opened"
)
SUBSCRIPTION_CORRELATE_NOT_FOUND = (
    "Expected to correlate subscription for element with key '{key}' and message name '{name}', "
    "but no such message subscription exists"
)
SUBSCRIPTION_CLOSE_NOT_FOUND = (
    "Expected to close message subscription for element with key '{key}' and message name '{name}', "
    "but no such message subscription exists"
)
CORRELATION_NOT_FOUND = (
    "Expected message '{key}' to be correlated for workflow with BPMN process id '{process_id}' "
    "but no correlation was found"
)

# Message subscriptions, instance partition (Open/Correlate/Close WorkflowInstanceSubscription)
INSTANCE_SUBSCRIPTION_OPEN_NOT_FOUND = (
    "Expected to open workflow instance subscription with element key '{key}' and message name '{name}', "
    "but no such subscription was found"
)
INSTANCE_SUBSCRIPTION_NOT_OPENING = (
    "Expected to open workflow instance subscription with element key '{key}' and message name '{name}', "
    "but it is already {state}"
)
INSTANCE_SUBSCRIPTION_CORRELATE_NOT_FOUND = (
    "Expected to correlate workflow instance subscription with element key '{key}' and message name '{name}', "
    "but no such subscription was found"
)
INSTANCE_SUBSCRIPTION_CLOSING = (
    "Expected to correlate workflow instance subscription with element key '{key}' and message name '{name}', "
    "but it is already closing"
)
INSTANCE_SUBSCRIPTION_NOT_ACTIVE = (
    "Expected to correlate a workflow instance subscription with element key '{key}' and message name '{name}', "
    "but the subscription is not active anymore"
)
INSTANCE_SUBSCRIPTION_CLOSE_NOT_FOUND = (
    "Expected to close workflow instance subscription for element with key '{key}' and message name '{name}', "
    "but no such subscription was found"
)

# Timers (TriggerTimerProcessor, CancelTimerProcessor, TransformingDeploymentCreateProcessor)
TIMER_TRIGGER_NOT_FOUND = "Expected to trigger timer with key '{key}', but no such timer was found"
TIMER_NOT_ACTIVE = "Expected to trigger a timer with key '{key}', but the timer is not active anymore"
TIMER_CANCEL_NOT_FOUND = "Expected to cancel timer with key '{key}', but no such timer was found"
TIMER_RESCHEDULE_FAILED = (
    "Expected to reschedule repeating timer for element with id '{id}', but an error occurred: {message}"
)
START_TIMER_FAILED = "Expected to create timer for start event, but encountered the following error: {message}"
