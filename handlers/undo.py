"""/hoantac (/undo): undo one's own last change in the group within a few minutes.

The change is named first and undone only when the person presses Hoàn tác. Features journal
their changes with ctx.remember (storage/undo.py lists the kinds); how each kind is named and
reversed is in undo_tasks.py and undo_others.py. Reversing re-checks the right the change
needed, and refuses when someone changed the subject since.
"""

from __future__ import annotations

from datetime import timedelta

from bot.chat.messages import Reply
from bot.core import questions
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from handlers import undo_others, undo_tasks
from handlers import undo_text as T
from handlers.undo_tasks import Step

UNDO_WINDOW = timedelta(minutes=10)
ANSWER = "und"  # und:<ok|no>:<question id>

_STEPS: dict[str, Step] = {**undo_tasks.STEPS, **undo_others.STEPS}


def register(router: Router) -> None:
    """Add /hoantac and its answer buttons."""
    minutes = int(UNDO_WINDOW.total_seconds() // 60)
    router.command(
        Command(
            "hoantac",
            undo,
            T.SUMMARY.format(minutes=minutes),
            T.USAGE,
            T.SECTION,
            aliases=("undo",),
            summary_en="Undo your last change (within a few minutes)",
            examples=T.EXAMPLES,
        )
    )
    router.button(ButtonRoute(ANSWER, on_answer, scope=Scope.ANYWHERE))


async def undo(ctx: Context) -> Reply:
    """/hoantac: names the sender's last change here and asks before undoing it."""
    await ctx.require(Action.UNDO_OWN)
    group = ctx.require_group()
    since = ctx.now() - UNDO_WINDOW
    await ctx.services.undo.forget_old(group.id, ctx.msg.sender.user_id, ctx.now())
    change = await ctx.services.undo.latest(group.id, ctx.msg.sender.user_id, since)
    step = _STEPS.get(change.kind) if change else None
    if change is None or step is None:
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        raise UserError(T.NOTHING.format(minutes=minutes))
    what = await step.describe(ctx, change.payload)
    minutes = int((ctx.now() - change.at).total_seconds() // 60)
    ago = T.AGO_MINUTES.format(minutes=minutes) if minutes else T.AGO_NOW
    question_id = await questions.ask(ctx, "undo", {"change_id": change.id})
    return Reply(
        text=T.ASK.format(ago=ago, what=what),
        buttons=questions.answer_buttons(ANSWER, question_id, T.BTN_UNDO, T.BTN_KEEP),
    )


async def on_answer(ctx: Context) -> Reply:
    """Hoàn tác / Giữ nguyên: only the person whose change it is decides."""
    answer, raw_id = questions.parse_answer(ctx.msg.button_data)
    question = await questions.answered(ctx, raw_id, frozenset({"undo"}))
    if answer != "ok":
        await questions.close(ctx, question)
        return Reply(text=T.KEPT, edit=True, notice=T.KEPT)
    services = ctx.services
    change = await services.undo.get(int(question.payload.get("change_id", 0)))
    step = _STEPS.get(change.kind) if change else None
    if (
        change is None
        or step is None
        or change.undone_at is not None
        or change.user_id != ctx.msg.sender.user_id
        or change.group_id != ctx.require_group().id
    ):
        await questions.close(ctx, question)
        raise UserError(T.GONE)
    if ctx.now() - change.at > 2 * UNDO_WINDOW:  # the question waited too long
        await questions.close(ctx, question)
        raise UserError(T.TOO_OLD)
    what = await step.describe(ctx, change.payload)
    await step.check(ctx, change.payload)  # refuses before anything changes
    await questions.close(ctx, question)
    if not await services.undo.mark_undone(change.id, ctx.now()):
        raise UserError(T.GONE)
    await step.reverse(ctx, change.payload)
    return Reply(text=T.DONE.format(what=what), edit=True)
