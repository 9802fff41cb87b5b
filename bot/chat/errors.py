"""What a Messenger raises when a send does not go through.

The delivery path (bot/delivery/) decides from these what to do next, without knowing the
platform: wait for one chat (a flood wait), wait for the platform (an outage), resend with a
"may be a repeat" note (an outcome nobody knows), or give up on one message (refused).
"""

from __future__ import annotations


class ChatUnreachableError(Exception):
    """The platform refuses this chat: the bot left the group, or the user blocked it."""

    def __init__(self, chat_id: str, reason: str) -> None:
        super().__init__(f"chat {chat_id} unreachable: {reason}")
        self.chat_id = chat_id
        self.reason = reason


class TransientSendError(Exception):
    """Sending failed for a reason that may pass (network, flood wait): try again later.

    Attributes:
        retry_after: the platform asked to wait this many seconds before writing to this chat.
        maybe_sent: the request left but no answer came back (a read timeout): the message may
            have arrived, so a resend must say it may be a repeat.
        platform_down: the platform could not be reached at all (connection refused, connect
            timeout): nothing was sent, and every chat waits until the platform answers again.
    """

    def __init__(
        self,
        chat_id: str,
        reason: str,
        retry_after: float | None = None,
        *,
        maybe_sent: bool = False,
        platform_down: bool = False,
    ) -> None:
        super().__init__(f"chat {chat_id}: {reason}")
        self.chat_id = chat_id
        self.reason = reason
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent
        self.platform_down = platform_down


class SendRefusedError(Exception):
    """The platform refused this one request (a bad request): sending it again cannot help.

    An edit of a message that is gone, or the answer to a button press that is too old, is
    refused this way; the delivery path then falls back to a new message.
    """

    def __init__(self, chat_id: str, reason: str) -> None:
        super().__init__(f"chat {chat_id}: refused: {reason}")
        self.chat_id = chat_id
        self.reason = reason


class FileUnavailableError(Exception):
    """A file sent in a chat cannot be downloaded (gone, too big for the platform, network)."""

    def __init__(self, file_id: str, reason: str) -> None:
        super().__init__(f"file {file_id}: {reason}")
        self.file_id = file_id
        self.reason = reason
