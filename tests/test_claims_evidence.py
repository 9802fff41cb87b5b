"""Conversations: files attached as evidence by reply to the checklist or by #hoso caption."""

from __future__ import annotations

from bot.playground.fake_telegram import SentMessage
from tests.support.claims import label_of, open_claim, txct_event
from tests.support.world import World, db_of


async def _files(w: World) -> list[tuple[int, str, str | None, str]]:
    rows = await db_of(w).fetchall(
        "SELECT i.position, a.platform_file_id, a.file_name, a.sender_id FROM claim_attachments a"
        " JOIN claim_items i ON i.id = a.item_id ORDER BY a.id"
    )
    return [(r["position"], r["platform_file_id"], r["file_name"], r["sender_id"]) for r in rows]


async def test_a_reply_to_the_checklist_with_a_photo_attaches_it(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    photo = w.fake.send_file(w.group, w.mai, b"jpeg", caption="11", reply_to=checklist)
    reply = await w.fake.next_reply(w.group)
    assert reply.text == (
        "Đã lưu tệp vào mục 11 “Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ)” "
        "của hồ sơ lịch số 1 (1 tệp)."
    )
    assert reply.reply_to_message_id == photo.message_id
    assert await _files(w) == [(11, photo.file_id, None, str(w.mai.id))]
    # Another file for the same item, "mục 11 …" written out this time.
    w.fake.send_file(
        w.group,
        w.hung,
        b"%PDF",
        caption="Mục 11 - bản ký đủ",
        file_name="ky nhan.pdf",
        mime_type="application/pdf",
        reply_to=checklist,
    )
    assert (await w.fake.next_reply(w.group)).text.endswith("(2 tệp).")
    shown = await w.say(w.group, w.mai, "/thanhtoan 1")
    assert label_of(shown, 11).endswith("📎2")
    # Attaching is not ticking: the paper is still listed as missing until a leader ticks it.
    assert "• 11. Danh sách ký nhận" in shown.text


async def test_hoso_caption_anywhere_in_the_group_attaches(registered: World) -> None:
    w = registered
    await open_claim(w)
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="Hóa đơn âm thanh #hồ sơ 1 13")
    assert (await w.fake.next_reply(w.group)).text.startswith("Đã lưu tệp vào mục 13 “Hóa đơn")
    w.fake.send_file(w.group, w.hung, b"jpeg2", caption="#HOSO lịch 1 mục 9")
    assert (await w.fake.next_reply(w.group)).text.startswith(
        "Đã lưu tệp vào mục 9 “Ảnh hội nghị”"
    )
    assert [(p, s) for p, _, _, s in await _files(w)] == [(13, str(w.mai.id)), (9, str(w.hung.id))]


async def test_a_reply_without_an_item_number_is_asked_about_and_not_saved(
    registered: World,
) -> None:
    w = registered
    checklist = await open_claim(w)
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="gửi chị", reply_to=checklist)
    reply = await w.fake.next_reply(w.group)
    assert reply.text.startswith("Tệp này thuộc mục nào?")
    w.fake.send_file(w.group, w.mai, b"jpeg", reply_to=checklist)
    assert (await w.fake.next_reply(w.group)).text.startswith("Tệp này thuộc mục nào?")
    assert await _files(w) == []


async def test_bad_numbers_closed_or_unopened_claims_are_refused(registered: World) -> None:
    w = registered
    await txct_event(w)
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 1 3")
    assert (await w.fake.next_reply(w.group)).text.startswith(
        "Hồ sơ thanh toán của lịch số 1 chưa được mở nên Trợ lý chưa lưu tệp."
    )
    await w.say(w.group, w.lan, "/thanhtoan 1")
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 9 3")
    assert (await w.fake.next_reply(w.group)).text == (
        "Tổ không có lịch số 9. Xem danh sách lịch: /lich."
    )
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 1 30")
    assert (await w.fake.next_reply(w.group)).text.startswith("Hồ sơ lịch số 1 không có mục 30.")
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 1")
    assert (await w.fake.next_reply(w.group)).text.startswith("Anh/chị vui lòng ghi cả số lịch")
    await w.say(w.group, w.lan, "/thanhtoan 1 dong")
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 1 3")
    assert (await w.fake.next_reply(w.group)).text.startswith(
        "Hồ sơ lịch số 1 đã đóng nên Trợ lý không lưu thêm tệp."
    )
    assert await _files(w) == []


async def test_a_tag_without_a_file_asks_for_the_file(registered: World) -> None:
    w = registered
    await open_claim(w)
    reply = await w.say(w.group, w.mai, "#hoso 1 3 em gửi sau nhé")
    assert reply.text.startswith("Anh/chị vui lòng gửi ảnh hoặc tệp")
    # Ordinary messages and files pass through untouched.
    w.fake.say(w.group, w.mai, "Hồ sơ em nộp rồi ạ #hoso")
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="ảnh hội nghị")
    await w.settle()
    assert w.fake.unread(w.group) == []
    assert await _files(w) == []


async def test_the_same_file_sent_again_is_kept_once(registered: World) -> None:
    w = registered
    await open_claim(w)
    photo = w.fake.send_file(w.group, w.mai, b"jpeg", caption="#hoso 1 9")
    await w.fake.next_reply(w.group)
    # Forwarded again later: Telegram keeps the file id.
    w.fake.send_file(w.group, w.hung, b"jpeg", caption="#hoso 1 9", file_id=photo.file_id)
    reply = await w.fake.next_reply(w.group)
    assert reply.text == "Tệp này đã có trong mục 9 “Ảnh hội nghị” của hồ sơ lịch số 1."
    assert len(await _files(w)) == 1


async def test_another_groups_checklist_message_is_not_a_target(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    # A reply in group 5 to a message with the same id as group 3's checklist.
    same_id = SentMessage(w.other_group.id, checklist.message_id, "…", from_bot=True)
    w.fake.send_file(w.other_group, w.outsider, b"jpeg", caption="3", reply_to=same_id)
    await w.settle()
    assert w.fake.unread(w.other_group) == []
    assert await _files(w) == []


async def test_with_privacy_mode_on_the_checklist_asks_for_replies_only(
    registered: World,
) -> None:
    w = registered
    w.fake.privacy_mode = True
    checklist = await open_claim(w)
    assert "trả lời tin này kèm số mục trong chú thích (Trợ lý chỉ nhận được" in checklist.text
    assert "#hoso 1 <mục>" not in checklist.text
    # A reply to the bot's checklist still reaches it and is saved.
    w.fake.send_file(w.group, w.mai, b"jpeg", caption="9", reply_to=checklist)
    assert (await w.fake.next_reply(w.group)).text.startswith("Đã lưu tệp vào mục 9")
