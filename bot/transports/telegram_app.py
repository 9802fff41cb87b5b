"""The python-telegram-bot Application around an Assistant: its life cycle and routing.

PTB owns the Telegram life cycle: post_init opens the assistant and starts the reminder
dispatcher with a Telegram messenger, post_stop stops the dispatcher while the bot can still
send, post_shutdown closes the database (after PTB has closed its HTTP clients).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeDefault, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot.app import Assistant
from bot.core import text as common_text
from bot.core.router import Router
from bot.transports.telegram import TelegramMessenger, inbound_from_update, render_replies

log = logging.getLogger(__name__)

TelegramApplication = Application[Any, Any, Any, Any, Any, Any]


def build_telegram_application(
    assistant: Assistant,
    *,
    token: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    owns_assistant: bool = True,
) -> TelegramApplication:
    """Build the python-telegram-bot Application around an assistant.

    Args:
        assistant: the core (not yet opened: post_init opens it).
        token: the bot token; the configuration's by default.
        request: PTB request object for API calls (tests pass one backed by the fake API).
        get_updates_request: PTB request object for long polling.
        rate_limiter: defaults to AIORateLimiter, which keeps within Telegram's flood limits
            (30 messages a second overall, 20 a minute per group) and retries after a 429.
        owns_assistant: PTB's life cycle opens, starts and closes the assistant (Telegram
            alone); False when bot/transports/serve.py runs it beside other platforms.
    """
    config = assistant.config
    builder = (
        ApplicationBuilder()
        .token(token or config.require_token())
        .base_url(config.telegram_api_base_url)
        .base_file_url(config.telegram_file_base_url)
        .defaults(Defaults(tzinfo=config.timezone))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
    )
    if owns_assistant:
        builder = builder.post_init(_post_init).post_stop(_post_stop).post_shutdown(_post_shutdown)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    application.bot_data["assistant"] = assistant
    install(application, assistant)
    return application


def run_telegram(assistant: Assistant) -> None:
    """Serve Telegram with long polling until interrupted (the `todaibieu run` command)."""
    build_telegram_application(assistant).run_polling(allowed_updates=Update.ALL_TYPES)


async def _post_init(application: TelegramApplication) -> None:
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.open()
    await publish_commands(application.bot, assistant.router)
    # Recover rows a crash left mid-send, then arm the one dispatcher job.
    await assistant.start(TelegramMessenger(application.bot))


async def _post_stop(application: TelegramApplication) -> None:
    # Stop the dispatcher while the bot can still send: rows in flight finish, claimed ones
    # go back to pending (post_shutdown runs after the HTTP clients are closed).
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.stop()


async def _post_shutdown(application: TelegramApplication) -> None:
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.close()


# -- routing updates -----------------------------------------------------------------------------


def install(application: TelegramApplication, assistant: Assistant) -> None:
    """Route every update through the assistant, and install the one error handler."""

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = inbound_from_update(update, context.bot.username, context.bot.id)
        if msg is None:
            return
        messenger = TelegramMessenger(context.bot)
        replies = await assistant.handle(msg, messenger)
        await render_replies(update, msg, replies, messenger)

    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(_on_error)


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure and tell the user briefly, in Vietnamese, that it did not work."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(common_text.INTERNAL_ERROR[:200])
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, common_text.INTERNAL_ERROR)
    except Exception:  # the error path must never raise again
        log.exception("could not tell the user about the error")


async def publish_commands(bot: Bot, router: Router) -> None:
    """Register the command menu: Vietnamese by default and for 'vi', English aliases for 'en'."""
    vietnamese = [BotCommand(c.name, c.summary[:256]) for c in router.commands if c.in_menu]
    english = [
        BotCommand(
            next((a for a in c.aliases if a.isascii()), c.name), (c.summary_en or c.summary)[:256]
        )
        for c in router.commands
        if c.in_menu
    ]
    await bot.set_my_commands(vietnamese, scope=BotCommandScopeDefault())
    await bot.set_my_commands(vietnamese, scope=BotCommandScopeDefault(), language_code="vi")
    await bot.set_my_commands(english, scope=BotCommandScopeDefault(), language_code="en")
