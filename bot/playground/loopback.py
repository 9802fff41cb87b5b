"""Serving the fake Bot API on 127.0.0.1, for a bot that talks to it over real HTTP (the console
playground, the crash and fault scripts, a few smoke tests).

`pause()` closes the listening socket, so the bot's connections are refused exactly as during
an outage of the real API; `resume()` listens again on the same port.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiohttp import web


class FakeApi(Protocol):
    """What the server needs of the fake (bot/playground/fake_telegram.py)."""

    async def call(self, method: str, content_type: str, body: bytes) -> tuple[int, Any]:
        """Answer one Bot API request: HTTP status and JSON body."""
        ...

    def download(self, path: str) -> bytes | None:
        """The bytes of a file under the file URL (getFile's file_path), or None."""
        ...


class LoopbackServer:
    """An aiohttp server for one fake API; the base URL ends in '/bot' like Telegram's."""

    def __init__(self, fake: FakeApi) -> None:
        self.fake = fake
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    @property
    def base_url(self) -> str:
        """The base URL for PTB (the token is appended to it)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, port: int = 0) -> str:
        """Listen (on a free port by default); returns the base URL."""
        fake = self.fake

        async def handle(request: web.Request) -> web.Response:
            method = request.match_info["method"]
            body = await request.read()
            status, payload = await fake.call(
                method, request.headers.get("Content-Type", ""), body
            )
            return web.json_response(payload, status=status)

        async def download(request: web.Request) -> web.Response:
            content = fake.download(request.path)
            if content is None:
                return web.json_response({"ok": False, "error_code": 404}, status=404)
            return web.Response(body=content)

        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", handle)
        app.router.add_get("/file/bot{token}/{path:.*}", download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await self._listen(port)
        return self.base_url

    async def _listen(self, port: int) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await self._site.start()
        server: Any = self._site._server
        self.port = server.sockets[0].getsockname()[1]

    async def pause(self) -> None:
        """Stop listening and drop every open connection: from now on connections are refused
        (as when the API is down) until resume()."""
        if self._site is not None:
            await self._site.stop()
            self._site = None
        if self._runner is not None and self._runner.server is not None:
            for connection in list(self._runner.server.connections):
                connection.force_close()

    async def resume(self) -> None:
        """Listen again on the same port."""
        if self._site is None:
            await self._listen(self.port)

    async def cleanup(self) -> None:
        """Stop for good."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None
