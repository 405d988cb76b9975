"""The BPMN 2.0 schemas Zeebe 0.26 validates every resource against, as tables.

Zeebe's parser (`BpmnParser`, camunda-xml-model) parses with XML-schema validation on, against the
OMG files `BPMN20.xsd`, `Semantic.xsd`, `BPMNDI.xsd`, `DI.xsd` and `DC.xsd` in bpmn-model's
resources at 0.26.6. These tables were derived from those files, declaration by declaration (a
one-off script read them with lxml; the files themselves are not shipped), and
:mod:`pytest_zeebe.model.schema` interprets them. Nothing here is written by hand.

ELEMENTS lists the global element declarations by substitution group (`-`: none). An element's
type is `t` + its capitalised name (DI elements: the name itself) unless `name=type` says
otherwise; `!` marks an abstract element.

TYPES holds one complex type per entry: `name [< base] [abstract] [mixed] [open] ; content ;
attributes`, indented lines continuing an entry. `open` is `anyAttribute namespace="##other"`.
The content is a sequence of particles: a global element, `name=type` (a local element),
`##other:lax` / `##any:lax` / `##other:strict` (wildcards), `( a | b )` (a choice), each with
`?`, `*`, `+` or `{min,max}`. An attribute is `name:type`, `!` if required. `xsd:` types are
simple; SIMPLE lists the enumerations (continued the same way), `*` for a union that admits any URI.
"""

from __future__ import annotations

from typing import Final

ELEMENTS: Final = """
-: activity artifact assignment auditing baseElement baseElementWithMixedContent bpmndi:BPMNDiagram
    bpmndi:BPMNLabel bpmndi:BPMNLabelStyle bpmndi:BPMNPlane callableElement catchEvent categoryValue
    choreographyActivity complexBehaviorDefinition conversationAssociation conversationLink
    conversationNode correlationKey correlationPropertyBinding correlationPropertyRetrievalExpression
    correlationSubscription dataAssociation dataInput dataInputAssociation dataOutput
    dataOutputAssociation dataState dc:Bounds dc:Font dc:Point definitions di:Diagram di:DiagramElement
    di:Edge di:Label di:LabeledEdge di:LabeledShape di:Node di:Plane di:Shape di:Style documentation
    expression extension extensionElements flowElement flowNode gateway! import inputSet
    ioBinding=tInputOutputBinding ioSpecification=tInputOutputSpecification lane laneSet
    loopCharacteristics messageFlow messageFlowAssociation monitoring operation outputSet participant
    participantAssociation participantMultiplicity property relationship rendering
    resourceAssignmentExpression resourceParameter resourceParameterBinding resourceRole rootElement
    script text throwEvent
flowElement: adHocSubProcess boundaryEvent businessRuleTask callActivity callChoreography
    choreographyTask complexGateway dataObject dataObjectReference dataStoreReference endEvent event
    eventBasedGateway exclusiveGateway implicitThrowEvent inclusiveGateway intermediateCatchEvent
    intermediateThrowEvent manualTask parallelGateway receiveTask scriptTask sendTask sequenceFlow
    serviceTask startEvent subChoreography subProcess task transaction userTask
artifact: association group textAnnotation
di:DiagramElement: bpmndi:BPMNEdge bpmndi:BPMNShape
conversationNode: callConversation conversation subConversation
eventDefinition: cancelEventDefinition compensateEventDefinition conditionalEventDefinition
    errorEventDefinition escalationEventDefinition linkEventDefinition messageEventDefinition
    signalEventDefinition terminateEventDefinition timerEventDefinition
rootElement: category collaboration correlationProperty dataStore endPoint error escalation
    eventDefinition globalBusinessRuleTask globalManualTask globalScriptTask globalTask globalUserTask
    interface itemDefinition message partnerEntity partnerRole process resource signal
collaboration: choreography globalConversation
expression: formalExpression
choreography: globalChoreographyTask
performer: humanPerformer potentialOwner
loopCharacteristics: multiInstanceLoopCharacteristics standardLoopCharacteristics
resourceRole: performer
"""

TYPES: Final = """
bpmndi:BPMNDiagram < di:Diagram ; bpmndi:BPMNPlane bpmndi:BPMNLabelStyle* ; -
bpmndi:BPMNEdge < di:LabeledEdge ; bpmndi:BPMNLabel? ; bpmnElement:QName sourceElement:QName
   targetElement:QName messageVisibleKind:bpmndi:MessageVisibleKind
bpmndi:BPMNLabel < di:Label ; - ; labelStyle:QName
bpmndi:BPMNLabelStyle < di:Style ; dc:Font ; -
bpmndi:BPMNPlane < di:Plane ; - ; bpmnElement:QName
bpmndi:BPMNShape < di:LabeledShape ; bpmndi:BPMNLabel? ; bpmnElement:QName isHorizontal:boolean
   isExpanded:boolean isMarkerVisible:boolean isMessageVisible:boolean
   participantBandKind:bpmndi:ParticipantBandKind choreographyActivityShape:QName
dc:Bounds ; - ; x:double! y:double! width:double! height:double!
dc:Font ; - ; name:string size:double isBold:boolean isItalic:boolean isUnderline:boolean
   isStrikeThrough:boolean
dc:Point ; - ; x:double! y:double!
di:Diagram abstract ; - ; name:string documentation:string resolution:double id:ID
di:DiagramElement abstract open ; di:extension=di:extension_anon? ; id:ID
di:Edge < di:DiagramElement abstract ; di:waypoint=dc:Point{2,} ; -
di:Label < di:Node abstract ; dc:Bounds? ; -
di:LabeledEdge < di:Edge abstract ; - ; -
di:LabeledShape < di:Shape abstract ; - ; -
di:Node < di:DiagramElement abstract ; - ; -
di:Plane < di:Node abstract ; di:DiagramElement* ; -
di:Shape < di:Node abstract ; dc:Bounds ; -
di:Style abstract ; - ; id:ID
di:extension_anon ; ##other:strict* ; -
tActivity < tFlowNode abstract ; ioSpecification? property* dataInputAssociation* dataOutputAssociation*
   resourceRole* loopCharacteristics? ; isForCompensation:boolean startQuantity:integer
   completionQuantity:integer default:IDREF
tAdHocSubProcess < tSubProcess ; completionCondition=tExpression? ; cancelRemainingInstances:boolean
   ordering:tAdHocOrdering
tArtifact < tBaseElement abstract ; - ; -
tAssignment < tBaseElement ; from=tExpression to=tExpression ; -
tAssociation < tArtifact ; - ; sourceRef:QName! targetRef:QName!
   associationDirection:tAssociationDirection
tAuditing < tBaseElement ; - ; -
tBaseElement abstract open ; documentation* extensionElements? ; id:ID
tBaseElementWithMixedContent abstract mixed open ; documentation* extensionElements? ; id:ID
tBoundaryEvent < tCatchEvent ; - ; cancelActivity:boolean attachedToRef:QName!
tBusinessRuleTask < tTask ; - ; implementation:tImplementation
tCallActivity < tActivity ; - ; calledElement:string
tCallChoreography < tChoreographyActivity ; participantAssociation* ; calledChoreographyRef:QName
tCallConversation < tConversationNode ; participantAssociation* ; calledCollaborationRef:QName
tCallableElement < tRootElement ; supportedInterfaceRef=xsd:QName* ioSpecification? ioBinding* ;
   name:string
tCancelEventDefinition < tEventDefinition ; - ; -
tCatchEvent < tEvent abstract ; dataOutput* dataOutputAssociation* outputSet? eventDefinition*
   eventDefinitionRef=xsd:QName* ; parallelMultiple:boolean
tCategory < tRootElement ; categoryValue* ; name:string
tCategoryValue < tBaseElement ; - ; value:string
tChoreography < tCollaboration ; flowElement* ; -
tChoreographyActivity < tFlowNode abstract ; participantRef=xsd:QName{2,} correlationKey* ;
   initiatingParticipantRef:QName! loopType:tChoreographyLoopType
tChoreographyTask < tChoreographyActivity ; messageFlowRef=xsd:QName{1,2} ; -
tCollaboration < tRootElement ; participant* messageFlow* artifact* conversationNode*
   conversationAssociation* participantAssociation* messageFlowAssociation* correlationKey*
   choreographyRef=xsd:QName* conversationLink* ; name:string isClosed:boolean
tCompensateEventDefinition < tEventDefinition ; - ; waitForCompletion:boolean activityRef:QName
tComplexBehaviorDefinition < tBaseElement ; condition=tFormalExpression event=tImplicitThrowEvent? ; -
tComplexGateway < tGateway ; activationCondition=tExpression? ; default:IDREF
tConditionalEventDefinition < tEventDefinition ; condition=tExpression ; -
tConversation < tConversationNode ; - ; -
tConversationAssociation < tBaseElement ; - ; innerConversationNodeRef:QName!
   outerConversationNodeRef:QName!
tConversationLink < tBaseElement ; - ; name:string sourceRef:QName! targetRef:QName!
tConversationNode < tBaseElement abstract ; participantRef=xsd:QName* messageFlowRef=xsd:QName*
   correlationKey* ; name:string
tCorrelationKey < tBaseElement ; correlationPropertyRef=xsd:QName* ; name:string
tCorrelationProperty < tRootElement ; correlationPropertyRetrievalExpression+ ; name:string type:QName
tCorrelationPropertyBinding < tBaseElement ; dataPath=tFormalExpression ; correlationPropertyRef:QName!
tCorrelationPropertyRetrievalExpression < tBaseElement ; messagePath=tFormalExpression ;
   messageRef:QName!
tCorrelationSubscription < tBaseElement ; correlationPropertyBinding* ; correlationKeyRef:QName!
tDataAssociation < tBaseElement ; sourceRef=xsd:IDREF* targetRef=xsd:IDREF
   transformation=tFormalExpression? assignment* ; -
tDataInput < tBaseElement ; dataState? ; name:string itemSubjectRef:QName isCollection:boolean
tDataInputAssociation < tDataAssociation ; - ; -
tDataObject < tFlowElement ; dataState? ; itemSubjectRef:QName isCollection:boolean
tDataObjectReference < tFlowElement ; dataState? ; itemSubjectRef:QName dataObjectRef:IDREF
tDataOutput < tBaseElement ; dataState? ; name:string itemSubjectRef:QName isCollection:boolean
tDataOutputAssociation < tDataAssociation ; - ; -
tDataState < tBaseElement ; - ; name:string
tDataStore < tRootElement ; dataState? ; name:string capacity:integer isUnlimited:boolean
   itemSubjectRef:QName
tDataStoreReference < tFlowElement ; dataState? ; itemSubjectRef:QName dataStoreRef:QName
tDefinitions open ; import* extension* rootElement* bpmndi:BPMNDiagram* relationship* ; id:ID
   name:string targetNamespace:anyURI! expressionLanguage:anyURI typeLanguage:anyURI exporter:string
   exporterVersion:string
tDocumentation mixed ; ##any:lax? ; id:ID textFormat:string
tEndEvent < tThrowEvent ; - ; -
tEndPoint < tRootElement ; - ; -
tError < tRootElement ; - ; name:string errorCode:string structureRef:QName
tErrorEventDefinition < tEventDefinition ; - ; errorRef:QName
tEscalation < tRootElement ; - ; name:string escalationCode:string structureRef:QName
tEscalationEventDefinition < tEventDefinition ; - ; escalationRef:QName
tEvent < tFlowNode abstract ; property* ; -
tEventBasedGateway < tGateway ; - ; instantiate:boolean eventGatewayType:tEventBasedGatewayType
tEventDefinition < tRootElement abstract ; - ; -
tExclusiveGateway < tGateway ; - ; default:IDREF
tExpression < tBaseElementWithMixedContent ; - ; -
tExtension ; documentation* ; definition:QName mustUnderstand:boolean
tExtensionElements ; ##other:lax* ; -
tFlowElement < tBaseElement abstract ; auditing? monitoring? categoryValueRef=xsd:QName* ; name:string
tFlowNode < tFlowElement abstract ; incoming=xsd:QName* outgoing=xsd:QName* ; -
tFormalExpression < tExpression ; - ; language:anyURI evaluatesToTypeRef:QName
tGateway < tFlowNode ; - ; gatewayDirection:tGatewayDirection
tGlobalBusinessRuleTask < tGlobalTask ; - ; implementation:tImplementation
tGlobalChoreographyTask < tChoreography ; - ; initiatingParticipantRef:QName
tGlobalConversation < tCollaboration ; - ; -
tGlobalManualTask < tGlobalTask ; - ; -
tGlobalScriptTask < tGlobalTask ; script? ; scriptLanguage:anyURI
tGlobalTask < tCallableElement ; resourceRole* ; -
tGlobalUserTask < tGlobalTask ; rendering* ; implementation:tImplementation
tGroup < tArtifact ; - ; categoryValueRef:QName
tHumanPerformer < tPerformer ; - ; -
tImplicitThrowEvent < tThrowEvent ; - ; -
tImport ; - ; namespace:anyURI! location:string! importType:anyURI!
tInclusiveGateway < tGateway ; - ; default:IDREF
tInputOutputBinding < tBaseElement ; - ; operationRef:QName! inputDataRef:IDREF! outputDataRef:IDREF!
tInputOutputSpecification < tBaseElement ; dataInput* dataOutput* inputSet+ outputSet+ ; -
tInputSet < tBaseElement ; dataInputRefs=xsd:IDREF* optionalInputRefs=xsd:IDREF*
   whileExecutingInputRefs=xsd:IDREF* outputSetRefs=xsd:IDREF* ; name:string
tInterface < tRootElement ; operation+ ; name:string! implementationRef:QName
tIntermediateCatchEvent < tCatchEvent ; - ; -
tIntermediateThrowEvent < tThrowEvent ; - ; -
tItemDefinition < tRootElement ; - ; structureRef:QName isCollection:boolean itemKind:tItemKind
tLane < tBaseElement ; partitionElement=tBaseElement? flowNodeRef=xsd:IDREF* childLaneSet=tLaneSet? ;
   name:string partitionElementRef:QName
tLaneSet < tBaseElement ; lane* ; name:string
tLinkEventDefinition < tEventDefinition ; source=xsd:QName* target=xsd:QName? ; name:string!
tLoopCharacteristics < tBaseElement abstract ; - ; -
tManualTask < tTask ; - ; -
tMessage < tRootElement ; - ; name:string itemRef:QName
tMessageEventDefinition < tEventDefinition ; operationRef=xsd:QName? ; messageRef:QName
tMessageFlow < tBaseElement ; - ; name:string sourceRef:QName! targetRef:QName! messageRef:QName
tMessageFlowAssociation < tBaseElement ; - ; innerMessageFlowRef:QName! outerMessageFlowRef:QName!
tMonitoring < tBaseElement ; - ; -
tMultiInstanceLoopCharacteristics < tLoopCharacteristics ; loopCardinality=tExpression?
   loopDataInputRef=xsd:QName? loopDataOutputRef=xsd:QName? inputDataItem=tDataInput?
   outputDataItem=tDataOutput? complexBehaviorDefinition* completionCondition=tExpression? ;
   isSequential:boolean behavior:tMultiInstanceFlowCondition oneBehaviorEventRef:QName
   noneBehaviorEventRef:QName
tOperation < tBaseElement ; inMessageRef=xsd:QName outMessageRef=xsd:QName? errorRef=xsd:QName* ;
   name:string! implementationRef:QName
tOutputSet < tBaseElement ; dataOutputRefs=xsd:IDREF* optionalOutputRefs=xsd:IDREF*
   whileExecutingOutputRefs=xsd:IDREF* inputSetRefs=xsd:IDREF* ; name:string
tParallelGateway < tGateway ; - ; -
tParticipant < tBaseElement ; interfaceRef=xsd:QName* endPointRef=xsd:QName* participantMultiplicity? ;
   name:string processRef:QName
tParticipantAssociation < tBaseElement ; innerParticipantRef=xsd:QName outerParticipantRef=xsd:QName ; -
tParticipantMultiplicity < tBaseElement ; - ; minimum:int maximum:int
tPartnerEntity < tRootElement ; participantRef=xsd:QName* ; name:string
tPartnerRole < tRootElement ; participantRef=xsd:QName* ; name:string
tPerformer < tResourceRole ; - ; -
tPotentialOwner < tHumanPerformer ; - ; -
tProcess < tCallableElement ; auditing? monitoring? property* laneSet* flowElement* artifact*
   resourceRole* correlationSubscription* supports=xsd:QName* ; processType:tProcessType
   isClosed:boolean isExecutable:boolean definitionalCollaborationRef:QName
tProperty < tBaseElement ; dataState? ; name:string itemSubjectRef:QName
tReceiveTask < tTask ; - ; implementation:tImplementation instantiate:boolean messageRef:QName
   operationRef:QName
tRelationship < tBaseElement ; source=xsd:QName+ target=xsd:QName+ ; type:string!
   direction:tRelationshipDirection
tRendering < tBaseElement ; - ; -
tResource < tRootElement ; resourceParameter* ; name:string!
tResourceAssignmentExpression < tBaseElement ; expression ; -
tResourceParameter < tBaseElement ; - ; name:string type:QName isRequired:boolean
tResourceParameterBinding < tBaseElement ; expression ; parameterRef:QName!
tResourceRole < tBaseElement ; (resourceRef=xsd:QName resourceParameterBinding* |
   resourceAssignmentExpression?) ; name:string
tRootElement < tBaseElement abstract ; - ; -
tScript mixed ; ##any:lax? ; -
tScriptTask < tTask ; script? ; scriptFormat:string
tSendTask < tTask ; - ; implementation:tImplementation messageRef:QName operationRef:QName
tSequenceFlow < tFlowElement ; conditionExpression=tExpression? ; sourceRef:IDREF! targetRef:IDREF!
   isImmediate:boolean
tServiceTask < tTask ; - ; implementation:tImplementation operationRef:QName
tSignal < tRootElement ; - ; name:string structureRef:QName
tSignalEventDefinition < tEventDefinition ; - ; signalRef:QName
tStandardLoopCharacteristics < tLoopCharacteristics ; loopCondition=tExpression? ; testBefore:boolean
   loopMaximum:integer
tStartEvent < tCatchEvent ; - ; isInterrupting:boolean
tSubChoreography < tChoreographyActivity ; flowElement* artifact* ; -
tSubConversation < tConversationNode ; conversationNode* ; -
tSubProcess < tActivity ; laneSet* flowElement* artifact* ; triggeredByEvent:boolean
tTask < tActivity ; - ; -
tTerminateEventDefinition < tEventDefinition ; - ; -
tText mixed ; ##any:lax? ; -
tTextAnnotation < tArtifact ; text? ; textFormat:string
tThrowEvent < tEvent abstract ; dataInput* dataInputAssociation* inputSet? eventDefinition*
   eventDefinitionRef=xsd:QName* ; -
tTimerEventDefinition < tEventDefinition ; (timeDate=tExpression? | timeDuration=tExpression? |
   timeCycle=tExpression?) ; -
tTransaction < tSubProcess ; - ; method:tTransactionMethod
tUserTask < tTask ; rendering* ; implementation:tImplementation
"""

SIMPLE: Final = """
bpmndi:MessageVisibleKind: initiating non_initiating
bpmndi:ParticipantBandKind: top_initiating middle_initiating bottom_initiating
   top_non_initiating middle_non_initiating bottom_non_initiating
tAdHocOrdering: Parallel Sequential
tAssociationDirection: None One Both
tChoreographyLoopType: None Standard MultiInstanceSequential MultiInstanceParallel
tEventBasedGatewayType: Exclusive Parallel
tGatewayDirection: Unspecified Converging Diverging Mixed
tImplementation: *
tItemKind: Information Physical
tMultiInstanceFlowCondition: None One All Complex
tProcessType: None Public Private
tRelationshipDirection: None Forward Backward Both
tTransactionMethod: *
"""
