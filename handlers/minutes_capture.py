"""Capture: while a group records a meeting, every message is written down before anything else.

A pre-handler hook (registered by handlers/minutes.py, after the core's note_people so the
group and the sender are known). It writes the message, and its marker if it starts with one,
in one transaction, and only then lets the event go on or answers. An edited message replaces
its line and its marker. A marker never reaches other features (a "#ykien" is not the reason
for a Vắng); an ordinary message and commands go on as usual.

Marker payloads (minutes_markers.payload), people as {"id": user id or null, "name": …}:
chutri/thuky/comat {"people": [...]}; vang {"people": [{…, "reason"}]}; khach {"names"};
noidung/ketluan {"text"}; ykien {"text", "speaker"?}; giaoviec {"text" (with its deadline
words), "people", "unknown"}; bieuquyet {"text", "votes": [yes, no, abstain]}.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.chat.messages import Inbound, InboundKind, Reply
from bot.core.context import Context
from bot.textnorm import fold
from handlers import minutes_text as T
from handlers.minutes_markers import (
    MarkerKind,
    MarkerProblem,
    ParsedMarker,
    Problem,
    Undo,
    parse_marker,
)
from handlers.people import AT_RE, AtName, AtReader, ambiguous_text
from storage.minutes import NewMarker, NewMessage
from storage.models import Group

# The /bienban command itself is not part of what was said in the meeting.
_OWN_COMMANDS = frozenset({"bienban", "minutes", "bb"})
MAX_LINE = 4000


async def capture(ctx: Context) -> Sequence[Reply] | None:
    """Keep the message if the group is recording; end the event here if it was a marker."""
    msg, group = ctx.msg, ctx.group
    if group is None or msg.kind not in (InboundKind.MESSAGE, InboundKind.EDITED):
        return None
    if msg.message_id is None or (msg.command and fold(msg.command) in _OWN_COMMANDS):
        return None
    if msg.sender.is_bot and not msg.sender.anonymous:
        return None
    recording = await ctx.services.minutes.open_recording(group.id)
    if recording is None:
        return None
    named = {} if msg.command else await _at_names(ctx, msg.text)
    parsed = None if msg.command else parse_marker(msg.text, [*_link_texts(msg), *named])
    marker, warnings = await _resolve(ctx, group, parsed, named) if parsed else (None, [])
    if msg.kind is InboundKind.EDITED:
        text = msg.text[:MAX_LINE]
        edited_at = msg.edited_at or ctx.now()
        await ctx.services.minutes.edit(recording.id, msg.message_id, text, edited_at, marker)
        return _replies(parsed, warnings, None, ctx) if parsed else []
    captured = await ctx.services.minutes.capture(
        recording.id, _line(ctx, msg), marker=marker, undo=isinstance(parsed, Undo)
    )
    if not captured.new:
        return []  # delivered twice: handled the first time
    if parsed is None:
        return None  # an ordinary message or a command: the other features go on
    return _replies(parsed, warnings, captured.undone, ctx)


def _line(ctx: Context, msg: Inbound) -> NewMessage:
    name = ctx.member.display_name if ctx.member else msg.sender.name
    kind = "other" if not msg.text else ("caption" if msg.attachment else "text")
    return NewMessage(
        message_id=msg.message_id or "",
        sender_id=msg.sender.user_id,
        sender_name=name,
        sent_at=msg.sent_at or ctx.now(),
        kind=kind,
        text=msg.text[:MAX_LINE],
    )


def _link_texts(msg: Inbound) -> list[str]:
    return [m.text for m in msg.mentions if m.user_id and not m.username]


async def _at_names(ctx: Context, text: str) -> dict[str, AtName]:
    """The "@…" in text that name members (an @username, or a display name: Zalo's mentions,
    Telegram users without a username), by how they are written."""
    names = AtReader(ctx)
    named: dict[str, AtName] = {}
    for at in AT_RE.finditer(text):
        found = await names.read(text, at)
        if found is not None:
            named[found.written] = found
    return named


def _replies(parsed: Any, warnings: list[str], undone: Any, ctx: Context) -> list[Reply]:
    if isinstance(parsed, Undo):
        if undone is None:
            return [Reply(text=T.NOTHING_TO_UNDO)]
        text = (
            undone.payload.get("text")
            or ", ".join(p["name"] for p in undone.payload.get("people", []))
            or ", ".join(undone.payload.get("names", []))
        )
        name = ctx.member.display_name if ctx.member else ctx.msg.sender.name
        return [Reply(text=T.UNDONE.format(kind=undone.kind, name=name, text=text))]
    if isinstance(parsed, MarkerProblem):
        if parsed.problem is Problem.VOTES:
            return [Reply(text=T.PROBLEM_VOTES)]
        example = T.EXAMPLES.get(parsed.kind.value, "")
        return [Reply(text=T.PROBLEM_EMPTY.format(kind=parsed.kind.value, example=example))]
    return [Reply(text=w) for w in warnings]


async def _resolve(
    ctx: Context,
    group: Group,
    parsed: ParsedMarker | Undo | MarkerProblem,
    named: dict[str, AtName],
) -> tuple[NewMarker | None, list[str]]:
    """The marker to store, with its people found among the group's members, and warnings."""
    if not isinstance(parsed, ParsedMarker):
        return None, []
    author = ctx.msg.sender.user_id
    kind = parsed.kind
    people, unknown = await _people(ctx, group, parsed.people, named)
    # A name two members share is kept as written and asked about, not counted as unknown.
    shared = [named[w] for w in unknown if w in named]
    unknown = [w for w in unknown if w not in named]
    payload: dict[str, Any]
    if kind in (MarkerKind.CHUTRI, MarkerKind.THUKY, MarkerKind.COMAT):
        named = people + [{"id": None, "name": n} for n in parsed.names]
        if not named:  # "#thuky" alone: the sender
            named = [{"id": author, "name": _sender_name(ctx)}]
        payload = {"people": named}
    elif kind is MarkerKind.VANG:
        found = {p["text"]: p for p in people}
        payload = {
            "people": [
                {**_person_of(found, a.who, a.is_mention), "reason": a.reason}
                for a in parsed.absentees
            ]
        }
    elif kind is MarkerKind.KHACH:
        payload = {"names": list(parsed.names)}
    elif kind is MarkerKind.YKIEN:
        payload = {"text": parsed.text}
        if people:
            payload["speaker"] = {"id": people[0]["id"], "name": people[0]["name"]}
        elif parsed.people:
            payload["speaker"] = {"id": None, "name": parsed.people[0]}
    elif kind is MarkerKind.GIAOVIEC:
        payload = {"text": parsed.text, "people": people, "unknown": unknown}
    elif kind is MarkerKind.BIEUQUYET:
        votes = parsed.votes
        assert votes is not None
        payload = {"text": parsed.text, "votes": [votes.yes, votes.no, votes.abstain]}
    else:
        payload = {"text": parsed.text}
    for person in payload.get("people", []):
        person.pop("text", None)
    warnings = [ambiguous_text(n.written[1:], list(n.members)) for n in shared]
    if unknown:
        template = T.TASK_UNKNOWN_PEOPLE if kind is MarkerKind.GIAOVIEC else T.UNKNOWN_PEOPLE
        warnings.append(template.format(names=", ".join(unknown)))
    return NewMarker(kind.value, author, payload), warnings


def _person_of(found: dict[str, dict[str, Any]], who: str, is_mention: bool) -> dict[str, Any]:
    if is_mention and who in found:
        return dict(found[who])
    return {"id": None, "name": who}


def _sender_name(ctx: Context) -> str:
    return ctx.member.display_name if ctx.member else ctx.msg.sender.name


async def _people(
    ctx: Context, group: Group, written: Sequence[str], named: dict[str, AtName]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Members for the mentions as written; those not found (or not one member) keep the name
    as written."""
    by_link = {m.text: m.user_id for m in ctx.msg.mentions if m.user_id}
    found: list[dict[str, Any]] = []
    unknown: list[str] = []
    groups = ctx.services.groups
    for text in written:
        member = None
        if text in by_link:
            member = await groups.member(group.id, by_link[text] or "")
        elif text in named:
            choices = named[text].members
            member = choices[0] if len(choices) == 1 else None
        elif text.startswith("@"):
            member = await groups.member_by_username(group.id, text)
        if member is None:
            unknown.append(text)
            found.append({"id": None, "name": text, "text": text})
        else:
            found.append({"id": member.user_id, "name": member.display_name, "text": text})
    return found, unknown


def chair_of(markers: Sequence[Any]) -> str | None:
    """The user id of the meeting's chair named by #chutri (the latest), if any."""
    for marker in reversed(markers):
        if marker.kind == MarkerKind.CHUTRI.value:
            ids = [p.get("id") for p in marker.payload.get("people", []) if p.get("id")]
            if ids:
                return str(ids[0])
    return None
