"""YAML workflows (Zeebe 0.26's `BpmnYamlParser`) → generated BPMN XML.

The YAML is read with PyYAML's safe loader (no object construction), checked field by field the way Jackson maps it onto
Zeebe's `YamlDefinitionImpl` (unknown keys and wrong shapes fail with Zeebe's text `Unexpected error
trying to read BPMN YAML model`), and turned into BPMN the way Zeebe's builder does: a start event,
one service task per task, `switch` → exclusive gateway `split-<id>`, `goto`, fall-through to the
next task, end events. Zeebe names generated elements `<type>_<random uuid>`; here they are
numbered (`startEvent_1`, `sequenceFlow_3`), so deployments are reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from lxml import etree

from pytest_zeebe.model.resource import ResourceRejectedError
from pytest_zeebe.model.xml import BPMN_NS, ZEEBE_NS

READ_FAILURE = "Unexpected error trying to read BPMN YAML model"
# libyaml's safe loader when available: faster, and it caps nesting depth where the pure-Python
# parser would recurse until RecursionError.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DEFINITION_KEYS = frozenset({"name", "tasks"})
_TASK_KEYS = frozenset({"id", "type", "retries", "headers", "inputs", "outputs", "end", "goto", "switch"})
_CASE_KEYS = frozenset({"case", "goto", "default"})
_MAPPING_KEYS = frozenset({"source", "target"})


class _Unreadable(Exception):
    """The YAML does not map onto Zeebe's YAML workflow classes."""


@dataclass(frozen=True, slots=True)
class _Case:
    condition: str
    goto: str
    default: str | None


@dataclass(frozen=True, slots=True)
class _Task:
    id: str
    type: str
    retries: str
    headers: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    outputs: tuple[tuple[str, str], ...]
    end: bool
    goto: str | None
    cases: tuple[_Case, ...]


def _string(value: object, default: str | None = None) -> str | None:
    """Jackson's scalar-to-String coercion (booleans print as Java does)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    raise _Unreadable


def _mapping(value: object, keys: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(key, str) and key in keys for key in value):
        raise _Unreadable
    return value


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Unreadable
    return value


def _as_expression(text: str) -> str:
    """The builder's `asZeebeExpression`: prefix '=' unless empty or already an expression."""
    return text if not text or text.startswith("=") else f"={text}"


def _io(value: object) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in _list(value):
        entry = _mapping(item, _MAPPING_KEYS)
        pairs.append((_string(entry.get("source"), "$") or "", _string(entry.get("target"), "$") or ""))
    return tuple(pairs)


def _task(value: object) -> _Task:
    entry = _mapping(value, _TASK_KEYS)
    headers = entry.get("headers") or {}
    if not isinstance(headers, dict):
        raise _Unreadable
    end = entry.get("end", False)
    if not isinstance(end, bool):
        raise _Unreadable
    cases = []
    for item in _list(entry.get("switch")):
        case = _mapping(item, _CASE_KEYS)
        condition, goto = _string(case.get("case"), "") or "", _string(case.get("goto"), "") or ""
        cases.append(_Case(condition, goto, _string(case.get("default"))))
    return _Task(
        id=_string(entry.get("id"), "") or "",
        type=_string(entry.get("type"), "") or "",
        retries=_string(entry.get("retries"), "3") or "",
        headers=tuple(
            (_string(key, "") or "", text) for key, raw in headers.items() if (text := _string(raw)) is not None
        ),
        inputs=_io(entry.get("inputs")),
        outputs=_io(entry.get("outputs")),
        end=end,
        goto=_string(entry.get("goto")),
        cases=tuple(cases),
    )


def _read(content: bytes) -> tuple[str, list[_Task]]:
    try:
        document = yaml.load(content, Loader=_SAFE_LOADER)
        definition = _mapping(document, _DEFINITION_KEYS)
        tasks = [_task(item) for item in _list(definition.get("tasks"))]
        name = _string(definition.get("name"), "") or ""
    except (yaml.YAMLError, _Unreadable, UnicodeDecodeError, RecursionError):
        raise ResourceRejectedError(READ_FAILURE) from None
    if not name:
        raise ResourceRejectedError("Expected the YAML workflow to have a name, but none given")
    if not tasks:
        raise ResourceRejectedError("Expected the YAML workflow to have at least one task, but none given")
    return name, tasks


@dataclass
class _Graph:
    """The elements the builder creates, in creation order."""

    tasks: dict[str, _Task]
    reserved: set[str]
    nodes: list[tuple[str, str, _Task | None]] = field(default_factory=list)
    flows: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def new_id(self, kind: str) -> str:
        while True:
            self.counters[kind] = self.counters.get(kind, 0) + 1
            candidate = f"{kind}_{self.counters[kind]}"
            if candidate not in self.reserved:
                self.reserved.add(candidate)
                return candidate

    def connect(self, source: str, target: str, condition: str | None = None, default: bool = False) -> None:
        flow_id = self.new_id("sequenceFlow")
        self.flows.append((flow_id, source, target, condition))
        if default:
            self.defaults[source] = flow_id


def _build(tasks: list[_Task]) -> _Graph:
    """Zeebe's recursive `addTask`/`addFlowFromTask`, as an explicit depth-first work stack.

    Like Zeebe's `tasksById` map, a task id used twice names its last definition; the first
    task's id picks where building starts, and the last definition's position what follows it.
    """
    graph = _Graph(tasks={task.id: task for task in tasks}, reserved={task.id for task in tasks})
    position = {task.id: index for index, task in enumerate(tasks)}
    start = graph.new_id("startEvent")
    graph.nodes.append(("startEvent", start, None))
    created: set[str] = set()
    stack: list[tuple[str, str, str | None, bool] | _Task] = [(start, tasks[0].id, None, False)]
    while stack:
        action = stack.pop()
        if isinstance(action, _Task):
            stack.extend(reversed(_follow_ups(graph, action, tasks, position)))
            continue
        source, task_id, condition, default = action
        if task_id in created:
            graph.connect(source, task_id, condition, default)
            continue
        task = graph.tasks.get(task_id)
        if task is None:
            raise ResourceRejectedError(
                f"Expected to add task with id '{task_id}', but no task definition with that id exists"
            )
        graph.nodes.append(("serviceTask", task_id, task))
        graph.connect(source, task_id, condition, default)
        created.add(task_id)
        stack.append(task)
    return graph


def _follow_ups(
    graph: _Graph, task: _Task, tasks: list[_Task], position: dict[str, int]
) -> list[tuple[str, str, str | None, bool]]:
    if task.cases:
        gateway = f"split-{task.id}"
        graph.nodes.append(("exclusiveGateway", gateway, None))
        graph.connect(task.id, gateway)
        return [
            (gateway, case.default, None, True)
            if case.default is not None
            else (gateway, case.goto, _as_expression(case.condition), False)
            for case in task.cases
        ]
    if task.goto is not None:
        return [(task.id, task.goto, None, False)]
    index = position[task.id] + 1
    if not task.end and index < len(tasks):
        return [(task.id, tasks[index].id, None, False)]
    end = graph.new_id("endEvent")
    graph.nodes.append(("endEvent", end, None))
    graph.connect(task.id, end)
    return []


def _xml(name: str, graph: _Graph) -> bytes:
    bpmn = f"{{{BPMN_NS}}}"
    zeebe = f"{{{ZEEBE_NS}}}"
    root = etree.Element(f"{bpmn}definitions", nsmap={"bpmn": BPMN_NS, "zeebe": ZEEBE_NS})
    root.set("id", "definitions_1")
    root.set("targetNamespace", "http://bpmn.io/schema/bpmn")
    process = etree.SubElement(root, f"{bpmn}process", id=name, isExecutable="true")
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow_id, source, target, _ in graph.flows:
        outgoing.setdefault(source, []).append(flow_id)
        incoming.setdefault(target, []).append(flow_id)
    for kind, node_id, task in graph.nodes:
        node = etree.SubElement(process, f"{bpmn}{kind}", id=node_id)
        if node_id in graph.defaults:
            node.set("default", graph.defaults[node_id])
        if task is not None:
            extensions = etree.SubElement(node, f"{bpmn}extensionElements")
            etree.SubElement(extensions, f"{zeebe}taskDefinition", type=task.type, retries=task.retries)
            if task.headers:
                headers = etree.SubElement(extensions, f"{zeebe}taskHeaders")
                for key, value in task.headers:
                    etree.SubElement(headers, f"{zeebe}header", key=key, value=value)
            if task.inputs or task.outputs:
                io_mapping = etree.SubElement(extensions, f"{zeebe}ioMapping")
                for tag, pairs in (("input", task.inputs), ("output", task.outputs)):
                    for source, target in pairs:
                        etree.SubElement(io_mapping, f"{zeebe}{tag}", source=_as_expression(source), target=target)
        for flow_id in incoming.get(node_id, ()):
            etree.SubElement(node, f"{bpmn}incoming").text = flow_id
        for flow_id in outgoing.get(node_id, ()):
            etree.SubElement(node, f"{bpmn}outgoing").text = flow_id
    for flow_id, source, target, condition in graph.flows:
        flow = etree.SubElement(process, f"{bpmn}sequenceFlow", id=flow_id, sourceRef=source, targetRef=target)
        if condition is not None:
            etree.SubElement(flow, f"{bpmn}conditionExpression").text = condition
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def yaml_to_bpmn(content: bytes) -> bytes:
    """The BPMN XML Zeebe generates for a YAML workflow; ResourceRejectedError if it cannot."""
    name, tasks = _read(content)
    return _xml(name, _build(tasks))
