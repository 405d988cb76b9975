"""Failure messages that explain: what the instance is doing, how it got there, and its records.

Every assertion failure shows the actual state: where the instance waits (with each job's type,
state and retries, open timers and message subscriptions), the path taken with engine timestamps,
variables per scope, open incidents, and the instance's latest records. Each part is cut to a
budget, so a message stays under `MAX_MESSAGE` characters however long the test ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing.history import ElementInstance, InstanceHistory

MAX_MESSAGE = 4900
"""Hard cap on a failure message (the issue promises under 5,000 characters)."""

PATH_HEAD, PATH_TAIL = 5, 20
VARIABLE_SCOPES, VARIABLES_PER_SCOPE, VALUE_CHARS = 8, 12, 60
EXCERPT_RECORDS = 10
LIST_ITEMS = 10

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timestamp(millis: int) -> str:
    """Engine time as `2021-01-01 00:05:00.000` (UTC, millisecond resolution like Zeebe's)."""
    moment = _EPOCH + timedelta(milliseconds=millis)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def short(text: str, limit: int = VALUE_CHARS) -> str:
    """`text` cut to `limit` characters, with an ellipsis if cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listing(items: Iterable[str], limit: int = LIST_ITEMS) -> str:
    """`[a, b, c]`, at most `limit` items, then how many more."""
    items = list(items)
    shown = ", ".join(items[:limit])
    more = f", … {len(items) - limit} more" if len(items) > limit else ""
    return f"[{shown}{more}]"


def instance_name(history: InstanceHistory) -> str:
    """How messages name an instance: `workflow instance 2251799813685253 (order-fulfilment)`."""
    process = f" ({history.bpmn_process_id})" if history.bpmn_process_id else ""
    return f"workflow instance {history.key}{process}"


def waiting_item(history: InstanceHistory, element: ElementInstance) -> str:
    """`charge-card (job charge-card, retries 3)`: an element and what it waits for."""
    details: list[str] = []
    if element.state != "ELEMENT_ACTIVATED":
        details.append(element.state)
    for job in history.jobs.values():
        if job.element_instance_key == element.key and job.open:
            state = {"ACTIVATABLE": "", "ACTIVATED": f", activated by {job.worker!r}"}.get(job.state, f", {job.state}")
            details.append(f"job {job.type}{state}, retries {job.retries}")
    for timer in history.timers.values():
        if timer.element_instance_key == element.key:
            details.append(f"timer {timer.target_element_id} due {timestamp(timer.due_date)}")
    for subscription in history.subscriptions.values():
        if subscription.element_instance_key == element.key:
            key = f", correlation key {subscription.correlation_key!r}" if subscription.correlation_key else ""
            details.append(f"message {subscription.message_name!r}{key}")
    for incident in history.open_incidents():
        if incident.element_instance_key == element.key:
            details.append(f"incident {incident.error_type}")
    return f"{element.element_id} ({'; '.join(details)})" if details else element.element_id


def waiting_summary(history: InstanceHistory) -> str:
    """Where the instance waits, for a headline: `[a (job a, retries 3), b]`, or its end state."""
    if history.state != "active":
        return f"it is {history.state}"
    waiting = history.waiting_elements()
    if not waiting:
        return "it is active but waits at no element"
    return f"it is waiting at {listing(waiting_item(history, element) for element in waiting)}"


def describe(history: InstanceHistory) -> str:
    """The instance's state, path, variables, incidents and latest records, within budget."""
    sections = [
        _state(history),
        _waiting(history),
        _path(history),
        _variables(history),
        _incidents(history),
        _excerpt(history.records),
    ]
    return "\n".join(line for section in sections for line in section)


def failure(headline: str, history: InstanceHistory | None) -> str:
    """The whole message: the headline, then the description; cut to MAX_MESSAGE characters."""
    text = headline if history is None else f"{headline}\n\n{describe(history)}"
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 40] + "\n… (cut to stay readable)"
    return text


def _state(history: InstanceHistory) -> list[str]:
    process = history.process
    assert process is not None
    since = f" since {timestamp(process.started_at)}"
    ended = f" at {timestamp(process.ended_at)}" if process.ended_at is not None else since
    return [f"State: {history.state}{ended} (version {history.version})."]


def _waiting(history: InstanceHistory) -> list[str]:
    waiting = history.waiting_elements()
    if not waiting:
        return []
    lines = ["Waiting at:"]
    lines += [f"  {short(waiting_item(history, element), 200)}" for element in waiting[:LIST_ITEMS]]
    if len(waiting) > LIST_ITEMS:
        lines.append(f"  … {len(waiting) - LIST_ITEMS} more")
    return lines


def _path(history: InstanceHistory) -> list[str]:
    elements = [e for e in history.elements.values() if e.key != history.key]
    if not elements:
        return ["Path taken: nothing yet."]
    width = min(max(len(e.element_id) for e in elements), 30)
    type_width = max(len(e.element_type) for e in elements)
    lines = ["Path taken (engine time, element, type, state):"]

    def line(element: ElementInstance) -> str:
        state = element.state.removeprefix("ELEMENT_").lower()
        if element.ended_at is not None and element.ended_at != element.started_at:
            state += f" at {timestamp(element.ended_at)}"
        element_id = short(element.element_id, 30)
        kind = f"{element.element_type:<{type_width}}"
        return f"  {timestamp(element.started_at)}  {element_id:<{width}}  {kind}  {state}"

    if len(elements) <= PATH_HEAD + PATH_TAIL:
        return lines + [line(e) for e in elements]
    skipped = len(elements) - PATH_HEAD - PATH_TAIL
    return [
        *lines,
        *(line(e) for e in elements[:PATH_HEAD]),
        f"  … {skipped} more element instances …",
        *(line(e) for e in elements[-PATH_TAIL:]),
    ]


def _variables(history: InstanceHistory) -> list[str]:
    if not history.variables:
        return ["Variables: none."]
    lines = ["Variables (by scope):"]
    scopes = sorted(history.variables.items(), key=lambda item: (item[0] != history.key, item[0]))
    for scope_key, variables in scopes[:VARIABLE_SCOPES]:
        names = sorted(variables)
        shown = ", ".join(f"{name} = {short(variables[name].text)}" for name in names[:VARIABLES_PER_SCOPE])
        more = f", … {len(names) - VARIABLES_PER_SCOPE} more" if len(names) > VARIABLES_PER_SCOPE else ""
        lines.append(f"  {history.scope_name(scope_key)}: {shown}{more}")
    if len(scopes) > VARIABLE_SCOPES:
        lines.append(f"  … {len(scopes) - VARIABLE_SCOPES} more scopes")
    return lines


def _incidents(history: InstanceHistory) -> list[str]:
    incidents = history.open_incidents()
    if not incidents:
        return ["Open incidents: none."]
    lines = ["Open incidents:"]
    for incident in incidents[:LIST_ITEMS]:
        lines.append(
            f"  {incident.key} {incident.error_type} at {incident.element_id}: {short(incident.error_message, 200)!r}"
        )
    if len(incidents) > LIST_ITEMS:
        lines.append(f"  … {len(incidents) - LIST_ITEMS} more")
    return lines


def _excerpt(records: list[Record]) -> list[str]:
    shown = records[-EXCERPT_RECORDS:]
    lines = [f"Latest records of the instance ({len(shown)} of {len(records)}):"]
    return lines + [f"  {timestamp(record.timestamp)}  {short(_record_line(record), 150)}" for record in shown]


def _record_line(record: Record) -> str:
    subject = _subject(record)
    where = f" {subject}" if subject else ""
    rejection = f" {record.rejection_type}: {record.rejection_reason}" if record.rejection_reason else ""
    return f"{record.record_type} {record.value_type} {record.intent}{where} key={record.key}{rejection}"


def _subject(record: Record) -> str:
    """What a record is about, in a word: its element, job type, message or variable."""
    value = record.value
    if record.value_type == "VARIABLE":
        return f"{getattr(value, 'name', '')} = {short(str(getattr(value, 'value', '')), 40)}"
    parts = [str(getattr(value, name, "") or "") for name in ("element_id", "type", "message_name", "error_type")]
    return " ".join(dict.fromkeys(part for part in parts if part))
