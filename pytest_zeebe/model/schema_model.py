"""The BPMN schemas' declarations compiled for validation: element declarations, complex types
with what they inherit folded in, and content models as automata.

The declarations are read from the tables of :mod:`pytest_zeebe.model.xsd` once, on first use.
A content model (sequences, choices, occurrences, substitution groups, wildcards) becomes a
Thompson automaton whose state sets are the states of the match; the step from a state set on a
child's name is remembered, so validating a large document costs a dictionary look-up per child.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from pytest_zeebe.model.xml import BPMN_NS
from pytest_zeebe.model.xsd import ELEMENTS, SIMPLE, TYPES

BPMNDI_NS: Final = "http://www.omg.org/spec/BPMN/20100524/DI"
#: Table prefixes and the namespaces they stand for.
NAMESPACES: Final = {
    "": BPMN_NS,
    "bpmndi": BPMNDI_NS,
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
}
PREFIXES: Final = {namespace: prefix for prefix, namespace in NAMESPACES.items()}

_TOKEN: Final = re.compile(r"\(|\)(?:[?*+]|\{\d+,\d*\})?|\||[^\s()|]+")
_ATOM: Final = re.compile(r"(.*?)([?*+]|\{\d+,\d*\})?")

QName = tuple[str, str]


def qualified(name: str) -> QName:
    """A table name (`bpmndi:BPMNShape`, `process`) as (namespace, local name)."""
    prefix, _, local = name.rpartition(":")
    return (NAMESPACES[prefix], local)


@dataclass(frozen=True)
class Leaf:
    """What one child may be: the element `name` (of `local_type`, or of its global declaration,
    substitutes included), or with `name` None a wildcard (`other`: any namespace but `namespace`
    and none; `any`) whose matches are assessed `lax` or `strict`."""

    name: QName | None
    local_type: str | None = None
    wildcard: str = ""
    process: str = ""
    namespace: str = ""


@dataclass(frozen=True)
class Particle:
    """A leaf, or a sequence or choice of particles, occurring `low` to `high` (None: unbounded) times."""

    leaf: Leaf | None
    parts: tuple[Particle, ...] = ()
    choice: bool = False
    low: int = 1
    high: int | None = 1


@dataclass
class ContentModel:
    """A Thompson automaton; `edges[state]` holds (leaf, or None for an empty move, target)."""

    edges: list[list[tuple[Leaf | None, int]]] = field(default_factory=list)
    start: frozenset[int] = frozenset()
    accept: int = 0
    steps: dict[tuple[frozenset[int], QName], tuple[frozenset[int], Leaf]] = field(default_factory=dict)

    def state(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1

    def closure(self, states: set[int]) -> frozenset[int]:
        stack, seen = list(states), set(states)
        while stack:
            for leaf, target in self.edges[stack.pop()]:
                if leaf is None and target not in seen:
                    seen.add(target)
                    stack.append(target)
        return frozenset(seen)

    def add(self, particle: Particle) -> tuple[int, int]:
        """The start and end states of `particle`, with its occurrences."""
        start = current = self.state()
        copies = particle.high if particle.high is not None else max(particle.low, 1)
        first = start
        for index in range(copies):
            first, last = self._add_once(particle)
            self.edges[current].append((None, first))
            if index >= particle.low:  # an optional copy may be skipped
                self.edges[current].append((None, last))
            current = last
        if particle.high is None:  # the last copy repeats
            self.edges[current].append((None, first))
        return start, current

    def _add_once(self, particle: Particle) -> tuple[int, int]:
        start, end = self.state(), self.state()
        if particle.leaf is not None:
            self.edges[start].append((particle.leaf, end))
            return start, end
        current = start
        for part in particle.parts:
            first, last = self.add(part)
            self.edges[start if particle.choice else current].append((None, first))
            if particle.choice:
                self.edges[last].append((None, end))
            current = last
        if not particle.choice:
            self.edges[current].append((None, end))
        return start, end


@dataclass
class ComplexType:
    """A complex type with its base's attributes and content folded in."""

    name: str
    namespace: str
    base: str | None
    abstract: bool
    mixed: bool
    open_namespace: str | None  # anyAttribute ##other: any namespace but this one (and none)
    attributes: dict[str, tuple[str, bool]]  # name -> (simple type, required)
    particles: tuple[Particle, ...]
    model: ContentModel = field(default_factory=ContentModel)
    complete: bool = False


class Schema:
    """The declarations of the five BPMN schema files."""

    def __init__(self) -> None:
        self.elements: dict[QName, tuple[str, bool]] = {}  # name -> (type, abstract)
        self.substitutes: dict[QName, set[QName]] = {}
        heads: dict[QName, QName] = {}
        for entry in _entries(ELEMENTS):
            group, _, names = entry.partition(": ")
            for token in names.split():
                name, _, declared = token.rstrip("!").partition("=")
                default = name if ":" in name else f"t{name[0].upper()}{name[1:]}"
                self.elements[qualified(name)] = (declared or default, token.endswith("!"))
                if group != "-":
                    heads[qualified(name)] = qualified(group)
        for member, head in heads.items():
            ancestor: QName | None = head
            while ancestor is not None and not self.elements[member][1]:
                self.substitutes.setdefault(ancestor, set()).add(member)
                ancestor = heads.get(ancestor)
        self.enumerations = {name: frozenset(values.split()) for name, _, values in map(_split_entry, _entries(SIMPLE))}
        self.types = {kind.name: kind for kind in map(_complex_type, _entries(TYPES))}
        for kind in self.types.values():
            self._complete(kind)

    def _complete(self, kind: ComplexType) -> None:
        """Fold in the base (an extension: its attributes, then its content first) and build the automaton."""
        if kind.complete:
            return
        if kind.base is not None:
            base = self.types[kind.base]
            self._complete(base)
            kind.attributes = {**base.attributes, **kind.attributes}
            kind.open_namespace = kind.open_namespace or base.open_namespace
            kind.mixed = kind.mixed or (base.mixed and not kind.particles)
            kind.particles = (*base.particles, *kind.particles)
        start, kind.model.accept = kind.model.add(Particle(None, kind.particles))
        kind.model.start = kind.model.closure({start})
        kind.complete = True

    def derives(self, name: str, ancestor: str) -> bool:
        """Whether type `name` is `ancestor` or derived from it."""
        current: str | None = name
        while current is not None and current in self.types:
            if current == ancestor:
                return True
            current = self.types[current].base
        return False

    def step(self, model: ContentModel, states: frozenset[int], name: QName) -> tuple[frozenset[int], Leaf] | None:
        """The states after a child called `name`, and the leaf it matched; None if none admits it."""
        key = (states, name)
        known = model.steps.get(key)
        if known is not None:
            return known
        matched: Leaf | None = None
        targets: set[int] = set()
        for state in states:
            for leaf, target in model.edges[state]:
                if leaf is not None and self._admits(leaf, name):
                    matched = matched or leaf
                    targets.add(target)
        if matched is None:
            return None
        result = (model.closure(targets), matched)
        if name[0] in PREFIXES:  # the schemas' own names are few; other names are not remembered
            model.steps[key] = result
        return result

    def _admits(self, leaf: Leaf, name: QName) -> bool:
        if leaf.name is None:
            return leaf.wildcard == "any" or name[0] not in ("", leaf.namespace)
        if leaf.local_type is not None:
            return name == leaf.name
        return name == leaf.name or name in self.substitutes.get(leaf.name, ())


def _entries(text: str) -> Iterator[str]:
    """The entries of a table: a line at column 0 and its indented continuation lines."""
    entry = ""
    for line in text.splitlines():
        if line[:1].isspace():
            entry += line
        elif line:
            if entry:
                yield entry
            entry = line
    if entry:
        yield entry


def _split_entry(entry: str) -> tuple[str, str, str]:
    return entry.partition(": ")


def _complex_type(entry: str) -> ComplexType:
    head, content, attributes = (part.strip() for part in entry.split(" ; "))
    name, *flags = head.split()
    namespace = NAMESPACES[name.rpartition(":")[0]]
    declared: dict[str, tuple[str, bool]] = {}
    for attribute in [] if attributes == "-" else attributes.split():
        attribute_name, _, attribute_type = attribute.partition(":")
        declared[attribute_name] = (attribute_type.rstrip("!"), attribute.endswith("!"))
    return ComplexType(
        name=name,
        namespace=namespace,
        base=flags[flags.index("<") + 1] if "<" in flags else None,
        abstract="abstract" in flags,
        mixed="mixed" in flags,
        open_namespace=namespace if "open" in flags else None,
        attributes=declared,
        particles=() if content == "-" else _particles(_TOKEN.findall(content), namespace),
    )


def _particles(tokens: list[str], namespace: str) -> tuple[Particle, ...]:
    """A sequence of particles, consumed from `tokens`; `( a | b )` is a choice of sequences."""
    particles: list[Particle] = []
    while tokens and tokens[0] != "|" and not tokens[0].startswith(")"):
        token = tokens.pop(0)
        if token == "(":
            options = [_particles(tokens, namespace)]
            while tokens[0] == "|":
                tokens.pop(0)
                options.append(_particles(tokens, namespace))
            low, high = _occurs(tokens.pop(0)[1:])
            parts = tuple(Particle(None, option) for option in options)
            particles.append(Particle(None, parts, choice=True, low=low, high=high))
            continue
        match = _ATOM.fullmatch(token)
        assert match is not None  # the pattern matches any token
        atom, (low, high) = match.group(1), _occurs(match.group(2) or "")
        if atom.startswith("##"):
            wildcard, _, process = atom[2:].partition(":")
            leaf = Leaf(None, wildcard=wildcard, process=process, namespace=namespace)
        else:
            name, _, local_type = atom.partition("=")
            leaf = Leaf(qualified(name), local_type or None)
        particles.append(Particle(leaf, low=low, high=high))
    return tuple(particles)


def _occurs(suffix: str) -> tuple[int, int | None]:
    if suffix in ("", "?", "*", "+"):
        return {"": (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}[suffix]
    low, _, high = suffix[1:-1].partition(",")
    return int(low), int(high) if high else None


@cache
def schema() -> Schema:
    """Compiled on first use, so that importing the model stays cheap."""
    return Schema()
