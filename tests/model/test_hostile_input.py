"""Malformed and hostile resources are rejected quickly, cheaply, and without touching anything.

Zeebe's parser failure text for any unreadable BPMN is `SAXException while parsing input stream`
(camunda-xml-model `DomUtil.parseInputStream`, asserted by Zeebe 0.20's
`CreateDeploymentTest#shouldNotDeployUnparsableModel`); YAML that does not map onto Zeebe's
classes fails with `Unexpected error trying to read BPMN YAML model` (`BpmnYamlParser`).
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_zeebe.model import ResourceKind, ResourceRejectedError, transform_resource

SAX = "SAXException while parsing input stream"
YAML_FAILURE = "Unexpected error trying to read BPMN YAML model"
HEAD = b'<?xml version="1.0"?>\n'
DEFINITIONS = (
    b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">'
)

BILLION_LAUGHS = (
    HEAD
    + b'<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)
QUADRATIC_BLOWUP = (
    HEAD + b'<!DOCTYPE kaboom [<!ENTITY a "' + b"x" * 50_000 + b'">]>\n<kaboom>' + b"&a;" * 50_000 + b"</kaboom>"
)
EXTERNAL_ENTITY = (
    HEAD
    + b'<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    + DEFINITIONS
    + b'<bpmn:process id="&secret;" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>'
    + b"</bpmn:definitions>"
)
EXTERNAL_DTD = HEAD + b'<!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">\n' + DEFINITIONS + b"</bpmn:definitions>"
PARAMETER_ENTITY = HEAD + b'<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>\n<d/>'
DEEP_NESTING = HEAD + DEFINITIONS + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</bpmn:definitions>"

HOSTILE_XML = {
    "billion laughs": BILLION_LAUGHS,
    "quadratic blowup": QUADRATIC_BLOWUP,
    "external entity": EXTERNAL_ENTITY,
    "external DTD": EXTERNAL_DTD,
    "parameter entity": PARAMETER_ENTITY,
    "DOCTYPE in UTF-16": ("\ufeff" + (HEAD + EXTERNAL_DTD[len(HEAD) :]).decode()).encode("utf-16-le"),
    "deep nesting": DEEP_NESTING,
    "empty": b"",
    "whitespace": b" \n\t ",
    "invalid UTF-8": HEAD + DEFINITIONS.replace(b'id="d"', b'id="\xff\xfe"') + b"</bpmn:definitions>",
    "truncated": HEAD + DEFINITIONS,
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "text": b"Foooo",
    "JSON": b'{"name": "order-process"}',
}


@pytest.fixture
def budget() -> Iterator[None]:
    """Each case must finish within a CPU second and allocate less than 32 MiB at its peak.

    CPU seconds of this thread, not wall time: load elsewhere on the machine cannot flake it.

    tracemalloc sees Python's allocations; the process's peak resident size (which also counts
    libxml2's) must not grow by more than 64 MiB either.
    """
    peak_rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.thread_time()
    yield
    elapsed = time.thread_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 32 * 2**20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_rss_before < 64 * 1024  # KiB on Linux


@pytest.mark.parametrize("content", HOSTILE_XML.values(), ids=HOSTILE_XML.keys())
def test_hostile_or_broken_xml_is_rejected_as_unparsable(budget: None, content: bytes) -> None:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.BPMN)
    assert rejected.value.report == SAX


def test_external_entities_are_never_read(budget: None, tmp_path: Path) -> None:
    """A file-backed entity is refused before the parser could open the file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    content = EXTERNAL_ENTITY.replace(b"file:///etc/passwd", secret.as_uri().encode())
    before = secret.stat().st_atime_ns
    with pytest.raises(ResourceRejectedError):
        transform_resource(content, ResourceKind.BPMN)
    assert secret.stat().st_atime_ns == before


def test_xinclude_is_not_processed(budget: None, tmp_path: Path) -> None:
    """An XInclude element is a foreign element where the BPMN schema allows none: rejected, never resolved."""
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    before = secret.stat().st_atime_ns
    content = (
        HEAD
        + DEFINITIONS.replace(b" id=", b' xmlns:xi="http://www.w3.org/2001/XInclude" id=')
        + b'<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/>'
        + b'<xi:include href="'
        + secret.as_uri().encode()
        + b'" parse="text"/></bpmn:process></bpmn:definitions>'
    )
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.BPMN)
    assert rejected.value.report == SAX
    assert secret.stat().st_atime_ns == before


YAML_BOMB = b"""
name: bomb
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
tasks: [{id: t, type: t, headers: {h: *g}}]
"""
HOSTILE_YAML = {
    "alias bomb": YAML_BOMB,
    "bomb inside task": b"name: n\ntasks:\n  - id: t\n    type: &x [a, b]\n",
    "python object": b"!!python/object/apply:os.system ['echo pwned']\n",
    "python name tag in a value": b"name: !!python/name:os.system\ntasks: []\n",
    "not a mapping": b"- just\n- a list\n",
    "scalar": b"hello",
    "empty": b"",
    "invalid UTF-8": b"name: \xff\xfe\ntasks: []\n",
    "broken syntax": b"name: [unclosed\n",
    "unknown key": b"name: n\nsteps: []\n",
    "unknown task key": b"name: n\ntasks:\n  - id: t\n    type: t\n    next: u\n",
    "task not a mapping": b"name: n\ntasks:\n  - t\n",
    "tasks not a list": b"name: n\ntasks: {id: t}\n",
    "deep nesting": b"name: n\ntasks: " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


@pytest.mark.parametrize("content", HOSTILE_YAML.values(), ids=HOSTILE_YAML.keys())
def test_hostile_or_unreadable_yaml_is_rejected(budget: None, content: bytes) -> None:
    with pytest.raises(ResourceRejectedError) as rejected:
        transform_resource(content, ResourceKind.YAML)
    assert rejected.value.report == YAML_FAILURE
