"""The bot's own HTTP server (aiohttp): Zalo's webhook and the files offered by signed link.

Webhook: Zalo POSTs one update per request with `X-Bot-Api-Secret-Token`. A missing or wrong
secret (compared in constant time) is a 401 and nothing is read; a body that is not JSON is a
400; otherwise the update is written to the inbox (storage/inbox.py) and answered 200 at once,
and the transport's worker handles it in the background. Files: GET /files/<token>/<name> with
a valid signature and expiry (bot/transports/file_links.py) returns the file, else 404.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.clock import Clock
from bot.transports.file_links import link_is_valid
from storage.shared_files import SharedFileStore

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
MAX_BODY = 256 * 1024  # a Zalo update is a few hundred bytes

Receive = Callable[[Any], Awaitable[bool]]


def build_app(
    *,
    clock: Clock,
    files: SharedFileStore,
    webhook_path: str | None = None,
    secret: str | None = None,
    receive: Receive | None = None,
) -> web.Application:
    """The aiohttp application: the webhook route (when given) and the file route."""
    app = web.Application(client_max_size=MAX_BODY)

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("zalo webhook: call without the right secret refused")
            return web.json_response({"ok": False, "description": "Unauthorized"}, status=401)
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return web.json_response({"ok": False, "description": "Bad Request"}, status=400)
        assert receive is not None
        await receive(body)  # durable before the 200: nothing acknowledged is lost
        return web.json_response({"ok": True})

    async def serve_file(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        now = clock.now()
        valid = link_is_valid(
            await files.signing_key(),
            token,
            request.query.get("e", ""),
            request.query.get("s", ""),
            now,
        )
        stored = await files.get(token, now) if valid else None
        if stored is None:
            return web.Response(status=404, text="Liên kết không còn hiệu lực.")
        return web.Response(
            body=stored.content,
            content_type=stored.mime_type,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stored.filename)}"
            },
        )

    if webhook_path and receive is not None:
        app.router.add_post(webhook_path, webhook)
    app.router.add_get("/files/{token}/{name}", serve_file)
    return app


async def start_server(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Serve the app; returns the runner (stop with `cleanup()`) and the port (0 picks one)."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, int(bound)
