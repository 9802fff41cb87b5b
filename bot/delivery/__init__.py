"""Delivery: every message the bot sends leaves through here, chat by chat.

Lanes run work in order per chat and chats side by side (lanes.py); the courier keeps what
the platforms said about waiting (a chat's flood wait, a platform that is down and is probed
until it answers) and sorts their failures (courier.py); the outbox worker sends the replies
written to the outbox, resending with a note when an earlier attempt may have arrived
(outbox_worker.py). Reminders (bot/reminders/) are sent through the same courier and lanes.
"""
