"""Rejection and incident texts, worded exactly as Zeebe 0.26 words them.

Processors format these; they never build a client-facing text inline.
"""

# Processing failures (ProcessingStateMachine#onError)
PROCESSING_FAILED = (
    "Expected to process event '{record}' without errors, but exception occurred with message '{message}'."
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

# Workflow instances (CancelWorkflowInstanceHandler, UpdateVariableDocumentProcessor)
CANCEL_NOT_FOUND = "Expected to cancel a workflow instance with key '{key}', but no such workflow was found"
CANCEL_NOT_ROOT = (
    "Expected to cancel a workflow instance with key '{key}', but it is created by a parent workflow instance. "
    "Cancel the root workflow instance '{root}' instead."
)
VARIABLES_SCOPE_NOT_FOUND = "Expected to update variables for element with key '{key}', but no such element was found"
