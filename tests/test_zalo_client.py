"""Our Zalo Bot API client against the in-repo fake: envelope, idle polls, retries, redaction."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest

from bot.playground.fake_zalo import FAKE_ZALO_TOKEN, FakeZaloAPI, serve_loopback
from bot.transports.zalo_client import (
    ZaloClient,
    ZaloPermanentError,
    ZaloTransientError,
)

NOW = datetime(2026, 11, 23, 2, 0, 0, 123000, tzinfo=UTC)


class Sleeps:
    """An injected sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _client(fake: FakeZaloAPI, sleeps: Sleeps | None = None, **kw: object) -> ZaloClient:
    return ZaloClient(
        FAKE_ZALO_TOKEN,
        transport=fake.httpx_transport(),
        sleep=sleeps or Sleeps(),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def fake() -> FakeZaloAPI:
    return FakeZaloAPI(clock=lambda: NOW)


async def test_get_me_reads_the_documented_shape(fake: FakeZaloAPI) -> None:
    async with _client(fake) as api:
        me = await api.get_me()
    assert (me.id, me.name, me.account_type) == (fake.bot.id, "bot.TroLyToDaiBieu", "BASIC")
    assert [c.method for c in fake.calls] == ["getMe"]


async def test_an_idle_poll_is_no_update_not_an_error(fake: FakeZaloAPI) -> None:
    async with _client(fake) as api:
        assert await api.get_updates(timeout=0) == []
    assert fake.calls_of("getUpdates")[0].params == {"timeout": 0}


async def test_one_update_per_poll_with_string_ids_and_millisecond_dates(
    fake: FakeZaloAPI,
) -> None:
    lan = fake.add_user("Lan")
    fake.say(fake.dm(lan), lan, "/ds")
    fake.say(fake.dm(lan), lan, "xong 3")
    async with _client(fake) as api:
        first = await api.get_updates(timeout=0)
        second = await api.get_updates(timeout=0)
        third = await api.get_updates(timeout=0)
    assert [u["message"]["text"] for u in first + second] == ["/ds", "xong 3"]
    assert third == []
    message = first[0]["message"]
    assert first[0]["event_name"] == "message.text.received"
    assert message["chat"] == {"id": lan.id, "chat_type": "PRIVATE"}
    assert isinstance(message["message_id"], str)
    assert len(lan.id) == 20
    assert message["date"] == int(NOW.timestamp() * 1000) == 1795399200123


async def test_sending_returns_the_message_id_and_its_date(fake: FakeZaloAPI) -> None:
    lan = fake.add_user("Lan")
    async with _client(fake) as api:
        sent = await api.send_message(lan.id, "Kính chào anh/chị.")
        await api.send_chat_action(lan.id)
    assert sent.date == NOW
    assert [m.text for m in fake.unread(fake.dm(lan))] == ["Kính chào anh/chị."]
    assert sent.message_id == fake.dm(lan).outbox[0].message_id


async def test_texts_outside_1_to_2000_characters_never_leave(fake: FakeZaloAPI) -> None:
    lan = fake.add_user("Lan")
    async with _client(fake) as api:
        with pytest.raises(ValueError, match="2000"):
            await api.send_message(lan.id, "x" * 2001)
        with pytest.raises(ValueError, match="2000"):
            await api.send_message(lan.id, "")
        assert fake.calls == []
        # The fake enforces the limit too, as Zalo does.
        with pytest.raises(ZaloPermanentError, match="text length 2001") as refused:
            await api.call("sendMessage", {"chat_id": lan.id, "text": "x" * 2001})
    assert refused.value.status == 400


async def test_unknown_methods_and_a_wrong_token_are_refused(fake: FakeZaloAPI) -> None:
    async with _client(fake) as api:
        with pytest.raises(ZaloPermanentError, match="Not Found"):
            await api.call("editMessageText", {"chat_id": "x", "text": "y"})
    async with ZaloClient("123:wrong", transport=fake.httpx_transport()) as api:
        with pytest.raises(ZaloPermanentError, match="Unauthorized"):
            await api.get_me()


async def test_429_and_5xx_back_off_then_succeed(fake: FakeZaloAPI) -> None:
    lan = fake.add_user("Lan")
    sleeps = Sleeps()
    fake.fail("sendMessage", 429, "Too Many Requests")
    fake.fail("sendMessage", 502, "Bad Gateway")
    async with _client(fake, sleeps) as api:
        await api.send_message(lan.id, "Nhắc việc")
    assert sleeps.waits == [1.0, 2.0]
    assert [m.text for m in fake.unread(fake.dm(lan))] == ["Nhắc việc"]


async def test_a_lasting_outage_ends_in_a_transient_error(fake: FakeZaloAPI) -> None:
    fake.fail("getMe", 503, "Service Unavailable", times=5)
    sleeps = Sleeps()
    async with _client(fake, sleeps) as api:
        with pytest.raises(ZaloTransientError) as failed:
            await api.get_me()
    assert failed.value.status == 503
    assert len(fake.calls_of("getMe")) == 3
    assert sleeps.waits == [1.0, 2.0]


async def test_a_refused_chat_is_a_permanent_error(fake: FakeZaloAPI) -> None:
    lan = fake.add_user("Lan")
    fake.dm(lan).refuses = "The user has blocked the bot"
    async with _client(fake) as api:
        with pytest.raises(ZaloPermanentError, match="blocked") as refused:
            await api.send_message(lan.id, "Nhắc việc")
    assert refused.value.status == 403
    assert len(fake.calls_of("sendMessage")) == 1


async def test_a_send_whose_answer_was_lost_is_not_repeated() -> None:
    calls = []

    def timeout(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("read timed out", request=request)

    sleeps = Sleeps()
    async with ZaloClient(
        FAKE_ZALO_TOKEN, transport=httpx.MockTransport(timeout), sleep=sleeps
    ) as api:
        with pytest.raises(ZaloTransientError) as lost:
            await api.send_message("abc", "Nhắc việc")
        assert lost.value.maybe_delivered
        assert len(calls) == 1
        with pytest.raises(ZaloTransientError):
            await api.get_me()  # not a send: retried
    assert len(calls) == 4


async def test_the_token_never_appears_in_errors_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot connect to {request.url}", request=request)

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="httpx")  # another test may have quietened it
    api = ZaloClient(FAKE_ZALO_TOKEN, transport=httpx.MockTransport(refuse), sleep=Sleeps())
    with pytest.raises(ZaloTransientError) as failed:
        await api.get_me()
    fake = FakeZaloAPI()
    ok = ZaloClient(FAKE_ZALO_TOKEN, transport=fake.httpx_transport())
    await ok.get_me()
    await ok.aclose()
    await api.aclose()
    assert "cannot connect" in str(failed.value)
    assert FAKE_ZALO_TOKEN not in str(failed.value)
    assert failed.value.__cause__ is None
    assert FAKE_ZALO_TOKEN not in repr(api)
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log
    assert not [r for r in caplog.records if FAKE_ZALO_TOKEN in r.getMessage()]


async def test_webhook_set_info_and_delete(fake: FakeZaloAPI) -> None:
    async with _client(fake) as api:
        assert await api.get_webhook_info() is None  # Zalo answers 404 without a webhook
        with pytest.raises(ValueError, match="https"):
            await api.set_webhook("http://example.vn/zalo", "s3cret-s3cret")
        with pytest.raises(ValueError, match="8 to 256"):
            await api.set_webhook("https://example.vn/zalo", "short")
        await api.set_webhook("https://example.vn/zalo", "s3cret-s3cret")
        assert await api.get_webhook_info() == "https://example.vn/zalo"
        with pytest.raises(ZaloPermanentError, match="webhook is active"):
            await api.get_updates(timeout=0)
        await api.delete_webhook()
        assert await api.get_updates(timeout=0) == []


async def test_the_base_url_is_configurable_over_loopback_http(fake: FakeZaloAPI) -> None:
    lan = fake.add_user("Lan")
    runner, base_url = await serve_loopback(fake)
    try:
        async with ZaloClient(FAKE_ZALO_TOKEN, base_url=base_url) as api:
            me = await api.get_me()
            await api.send_message(lan.id, "Qua HTTP thật")
            assert await api.get_updates(timeout=0) == []
        # Some SDKs send form-encoded bodies; the fake reads those too.
        async with httpx.AsyncClient() as raw:
            response = await raw.post(
                f"{base_url}{FAKE_ZALO_TOKEN}/sendMessage",
                data={"chat_id": lan.id, "text": "Form"},
            )
    finally:
        await runner.cleanup()
    assert me.id == fake.bot.id
    assert response.json()["ok"] is True
    assert [m.text for m in fake.unread(fake.dm(lan))] == ["Qua HTTP thật", "Form"]
