"""Signed, expiring links to files the bot serves itself (for platforms that cannot send files).

A link is `<public URL>/files/<token>/<file name>?e=<expiry, Unix seconds>&s=<signature>`; the
signature is an HMAC of the token and the expiry with the server's key, so a link can be neither
forged nor extended, and the stored file also carries its own expiry.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from urllib.parse import quote


def signature(key: bytes, token: str, expires: int) -> str:
    """The signature of a token and its expiry."""
    message = f"{token}:{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def file_link(public_url: str, key: bytes, token: str, filename: str, expires: datetime) -> str:
    """The public link of a stored file."""
    stamp = int(expires.timestamp())
    return (
        f"{public_url.rstrip('/')}/files/{token}/{quote(filename)}"
        f"?e={stamp}&s={signature(key, token, stamp)}"
    )


def link_is_valid(key: bytes, token: str, expires: str, signed: str, now: datetime) -> bool:
    """Whether a link's signature is right and its expiry still ahead (constant-time compare)."""
    if not expires.isdigit():
        return False
    expected = signature(key, token, int(expires))
    return hmac.compare_digest(expected, signed) and int(expires) > now.timestamp()
