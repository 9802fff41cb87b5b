"""Logging set-up that never writes the bot tokens (Telegram's, Zalo's: both sit in URLs)."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    """Replace the tokens wherever they appear in a log record (URLs of API calls carry them)."""

    def __init__(self, *tokens: str | None) -> None:
        super().__init__()
        self._tokens = [token for token in tokens if token]

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without the tokens; always keep the record."""
        if self._tokens:
            message = record.getMessage()
            cleaned = message
            for token in self._tokens:
                cleaned = cleaned.replace(token, "<TOKEN>")
            if cleaned != message:
                record.msg = cleaned
                record.args = None
        return True


def setup_logging(level: str, *tokens: str | None) -> None:
    """Log to stderr at `level`, with the tokens redacted and HTTP chatter kept quiet."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(*tokens))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
