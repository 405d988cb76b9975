"""A hardened lxml parser for deployment resources.

Deployment resources come from users and clients. They are parsed with no DTD loading, no entity
resolution, no network access and lxml's tree-size limits on; a document with a DOCTYPE is refused
before the parser sees it, so entity bombs and external entities never get a chance to expand.
Every refusal carries the one text Zeebe's own parser failure produces (camunda-xml-model's
`ModelParseException`), whatever the cause.
"""

from __future__ import annotations

from lxml import etree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
PARSE_FAILURE = "SAXException while parsing input stream"

_DOCTYPE_MARKERS = tuple(
    "<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


class XmlRejectedError(Exception):
    """Raised when a resource is not well-formed, safe XML; `detail` says why, for logs."""

    def __init__(self, detail: str) -> None:
        super().__init__(PARSE_FAILURE)
        self.detail = detail


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(content: bytes) -> etree._Element:
    """Parse `content` into an element tree, or raise XmlRejectedError."""
    if any(marker in content for marker in _DOCTYPE_MARKERS):
        raise XmlRejectedError("a DOCTYPE declaration is not allowed")
    try:
        root = etree.fromstring(content, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise XmlRejectedError(str(error.msg)) from None
    except ValueError as error:
        raise XmlRejectedError(str(error)) from None
    if root is None:
        raise XmlRejectedError("the document is empty")
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise XmlRejectedError("a DOCTYPE declaration is not allowed")
    return root


def bpmn(tag: str) -> str:
    """The qualified name of a BPMN model element."""
    return f"{{{BPMN_NS}}}{tag}"


def zeebe(tag: str) -> str:
    """The qualified name of a Zeebe extension element."""
    return f"{{{ZEEBE_NS}}}{tag}"
