"""The Zeebe 0.26 gateway protocol, loaded into a private descriptor pool.

The message classes are built from the generated descriptor (see proto/generate.py) in a pool of
our own: nothing is registered in protobuf's default pool, so `zeebe_grpc` or `pyzeebe`, which
register the same `gateway_protocol.*` names there, can be imported in the same process.
Works with protobuf 3.20.x (MessageFactory.GetPrototype) up to the newest (GetMessageClass).
"""

from __future__ import annotations

from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor import Descriptor, ServiceDescriptor

from pytest_zeebe.gateway._descriptor import GATEWAY_FILE_DESCRIPTOR

PACKAGE = "gateway_protocol"
SERVICE_NAME = f"{PACKAGE}.Gateway"

POOL = descriptor_pool.DescriptorPool()
POOL.Add(descriptor_pb2.FileDescriptorProto.FromString(GATEWAY_FILE_DESCRIPTOR))
SERVICE: ServiceDescriptor = POOL.FindServiceByName(SERVICE_NAME)


def _message_class(descriptor: Descriptor) -> Any:
    get_message_class = getattr(message_factory, "GetMessageClass", None)  # protobuf >= 4.22
    if get_message_class is not None:
        return get_message_class(descriptor)
    return message_factory.MessageFactory(POOL).GetPrototype(descriptor)  # type: ignore[attr-defined,unused-ignore]


def message_class(name: str) -> Any:
    """The class of `gateway_protocol.<name>`."""
    return _message_class(POOL.FindMessageTypeByName(f"{PACKAGE}.{name}"))


ActivateJobsRequest = message_class("ActivateJobsRequest")
ActivateJobsResponse = message_class("ActivateJobsResponse")
ActivatedJob = message_class("ActivatedJob")
BrokerInfo = message_class("BrokerInfo")
CancelWorkflowInstanceRequest = message_class("CancelWorkflowInstanceRequest")
CancelWorkflowInstanceResponse = message_class("CancelWorkflowInstanceResponse")
CompleteJobRequest = message_class("CompleteJobRequest")
CompleteJobResponse = message_class("CompleteJobResponse")
CreateWorkflowInstanceRequest = message_class("CreateWorkflowInstanceRequest")
CreateWorkflowInstanceResponse = message_class("CreateWorkflowInstanceResponse")
CreateWorkflowInstanceWithResultRequest = message_class("CreateWorkflowInstanceWithResultRequest")
CreateWorkflowInstanceWithResultResponse = message_class("CreateWorkflowInstanceWithResultResponse")
DeployWorkflowRequest = message_class("DeployWorkflowRequest")
DeployWorkflowResponse = message_class("DeployWorkflowResponse")
FailJobRequest = message_class("FailJobRequest")
FailJobResponse = message_class("FailJobResponse")
Partition = message_class("Partition")
PublishMessageRequest = message_class("PublishMessageRequest")
PublishMessageResponse = message_class("PublishMessageResponse")
ResolveIncidentRequest = message_class("ResolveIncidentRequest")
ResolveIncidentResponse = message_class("ResolveIncidentResponse")
SetVariablesRequest = message_class("SetVariablesRequest")
SetVariablesResponse = message_class("SetVariablesResponse")
ThrowErrorRequest = message_class("ThrowErrorRequest")
ThrowErrorResponse = message_class("ThrowErrorResponse")
TopologyRequest = message_class("TopologyRequest")
TopologyResponse = message_class("TopologyResponse")
UpdateJobRetriesRequest = message_class("UpdateJobRetriesRequest")
UpdateJobRetriesResponse = message_class("UpdateJobRetriesResponse")
WorkflowMetadata = message_class("WorkflowMetadata")
WorkflowRequestObject = message_class("WorkflowRequestObject")


def method_path(rpc: str) -> str:
    """The gRPC path of an RPC of the Gateway service."""
    return f"/{SERVICE_NAME}/{rpc}"
