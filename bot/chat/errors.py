"""What a Messenger raises when a send does not go through."""

from __future__ import annotations


class ChatUnreachableError(Exception):
    """The platform refuses this chat: the bot left the group, or the user blocked it."""

    def __init__(self, chat_id: str, reason: str) -> None:
        super().__init__(f"chat {chat_id} unreachable: {reason}")
        self.chat_id = chat_id
        self.reason = reason


class TransientSendError(Exception):
    """Sending failed for a reason that may pass (network, flood wait): try again later."""

    def __init__(self, chat_id: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(f"chat {chat_id}: {reason}")
        self.chat_id = chat_id
        self.reason = reason
        self.retry_after = retry_after


class FileUnavailableError(Exception):
    """A file sent in a chat cannot be downloaded (gone, too big for the platform, network)."""

    def __init__(self, file_id: str, reason: str) -> None:
        super().__init__(f"file {file_id}: {reason}")
        self.file_id = file_id
        self.reason = reason
