"""What handlers ask the platform (is this person an admin, still in the chat), answered
without a network call inside a database transaction.

An update is handled inside one transaction (bot/core/intake.py), and a platform round trip
inside it would hold the database for every other chat. So handlers see a `FactsMessenger`:
it answers from a short-lived cache; on a miss inside a transaction it raises `NeedPlatform`,
the intake rolls the transaction back, asks the platform outside it, and handles the update
again from the start, this time with the answer at hand. Answers are kept FACT_TTL ("cache the
answer briefly"), by the injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.chat.messages import Reply
from bot.chat.transport import Capabilities, Messenger
from bot.clock import Clock
from storage.db import Database

FACT_TTL = timedelta(minutes=5)
ADMIN = "admin"
MEMBER = "member"
SEES = "sees"  # the bot sees every message of the group chat (minutes, claims' #hoso tags)


@dataclass(frozen=True)
class Question:
    """One thing to ask the platform about a person in a chat."""

    platform: str
    kind: str  # ADMIN, MEMBER or SEES (then user_id is "")
    chat_id: str
    user_id: str


class NeedPlatform(Exception):
    """Raised inside a transaction when an answer of the platform is needed and not known."""

    def __init__(self, question: Question) -> None:
        super().__init__(f"need {question.kind} of {question.user_id} in {question.chat_id}")
        self.question = question


class PlatformFacts:
    """Answers of the platform, kept FACT_TTL."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._answers: dict[Question, tuple[bool, datetime]] = {}
        # Answers kept for the one handling that asked: a "no" the user can fix at once (the
        # bot cannot see the group's messages: make it an administrator and try again) must
        # not be remembered for FACT_TTL.
        self._once: dict[Question, bool] = {}

    def get(self, question: Question) -> bool | None:
        """The kept answer, or None when unknown or too old."""
        if question in self._once:
            return self._once.pop(question)
        found = self._answers.get(question)
        if found is None:
            return None
        answer, until = found
        if self.clock.now() >= until:
            del self._answers[question]
            return None
        return answer

    def put(self, question: Question, answer: bool) -> None:
        """Keep an answer for FACT_TTL."""
        if len(self._answers) > 10_000:  # bounded: drop the expired ones first
            now = self.clock.now()
            self._answers = {q: a for q, a in self._answers.items() if a[1] > now}
        self._answers[question] = (answer, self.clock.now() + FACT_TTL)

    def forget(self, question: Question) -> None:
        """Drop an answer (it just proved wrong)."""
        self._answers.pop(question, None)

    async def ask(self, messenger: Messenger, question: Question) -> bool:
        """Ask the platform now (outside any transaction) and keep the answer."""
        if question.kind == ADMIN:
            answer = await messenger.is_chat_admin(question.chat_id, question.user_id)
        elif question.kind == SEES:
            answer = await messenger.sees_group_messages(question.chat_id)
            if not answer:
                self._once[question] = answer
                return answer
        else:
            answer = await messenger.is_chat_member(question.chat_id, question.user_id)
        self.put(question, answer)
        return answer


class FactsMessenger:
    """The messenger handlers see: platform questions from the cache; no sending.

    Replies leave through the outbox, written in the update's transaction; a handler that
    wants to say something returns a Reply.
    """

    def __init__(self, messenger: Messenger, facts: PlatformFacts, db: Database) -> None:
        self._messenger = messenger
        self._facts = facts
        self._db = db
        self.platform = messenger.platform
        self.capabilities: Capabilities = messenger.capabilities

    async def _fact(self, kind: str, chat_id: str, user_id: str) -> bool:
        question = Question(self.platform, kind, chat_id, user_id)
        known = self._facts.get(question)
        if known is not None:
            return known
        if self._db.in_transaction:
            raise NeedPlatform(question)
        return await self._facts.ask(self._messenger, question)

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        """Whether the person administers the chat (cached FACT_TTL)."""
        return await self._fact(ADMIN, chat_id, user_id)

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        """Whether the person is in the chat now (cached FACT_TTL)."""
        return await self._fact(MEMBER, chat_id, user_id)

    async def sees_group_messages(self, chat_id: str) -> bool:
        """Whether the bot receives every message of the group (cached FACT_TTL)."""
        return await self._fact(SEES, chat_id, "")

    async def download(self, file_id: str) -> bytes:
        """Not inside the handling of an update: a feature that needs a file's bytes tags a
        reply and downloads once it is sent (Router.on_delivered)."""
        raise RuntimeError("files are downloaded after the commit, not while handling")

    async def send(self, chat_id: str, reply: Reply, *, reply_to: str | None = None) -> str:
        """Not for handlers: return the Reply instead (it then goes through the outbox)."""
        raise RuntimeError("handlers return replies; the outbox sends them")

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Not for handlers (see send)."""
        raise RuntimeError("handlers return replies; the outbox sends them")

    async def answer(self, press_id: str, notice: str | None) -> None:
        """Not for handlers (see send)."""
        raise RuntimeError("handlers return replies; the outbox sends them")

    async def probe(self) -> None:
        """Ask the platform whether it answers."""
        await self._messenger.probe()
