"""Long replies cut for a platform's limit: paragraph, then line, then word; nothing lost."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.chunking import split_text, utf16_units

ZALO = 2000


def _visible(text: str) -> str:
    return "".join(text.split())


def test_short_text_is_one_piece() -> None:
    assert split_text("Đã tạo việc #3.", ZALO) == ["Đã tạo việc #3."]
    assert split_text("", ZALO) == [""]


def test_a_task_list_is_cut_between_paragraphs() -> None:
    open_tasks = "\n".join(f"#{n} Gửi giấy mời tiếp xúc cử tri phường {n}" for n in range(30))
    done = "\n".join(f"#{n} Đã xong: báo cáo kết quả giám sát số {n}" for n in range(30))
    text = f"VIỆC ĐANG MỞ\n{open_tasks}\n\nVIỆC ĐÃ XONG\n{done}"
    pieces = split_text(text, ZALO)
    assert len(pieces) == 2
    assert pieces[0].endswith("phường 29")
    assert pieces[1].startswith("VIỆC ĐÃ XONG")


def test_without_paragraphs_it_cuts_at_a_line() -> None:
    lines = [f"#{n} Chuẩn bị tài liệu kỳ họp thứ {n} của Hội đồng nhân dân" for n in range(80)]
    pieces = split_text("\n".join(lines), ZALO)
    assert all(len(p) <= ZALO for p in pieces)
    assert [line for piece in pieces for line in piece.split("\n")] == lines


def test_one_long_paragraph_is_cut_between_words() -> None:
    words = ["kiến nghị"] * 400
    pieces = split_text(" ".join(words), ZALO)
    assert len(pieces) == 2
    assert all(len(p) <= ZALO for p in pieces)
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)
    assert " ".join(pieces).split(" ") == " ".join(words).split(" ")


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    link = "https://example.vn/" + "a" * 4500
    pieces = split_text(link, ZALO)
    assert [len(p) for p in pieces] == [2000, 2000, 519]
    assert "".join(pieces) == link


def test_a_hard_cut_never_tears_an_accent_from_its_letter() -> None:
    # "ế" typed decomposed: e + circumflex + acute (some phone keyboards send this).
    letter = unicodedata.normalize("NFD", "ế")
    text = letter * 10
    pieces = split_text(text, 4)
    assert all(unicodedata.normalize("NFC", p) == "ế" * (len(p) // 3) for p in pieces)
    assert "".join(pieces) == text


def test_counting_utf16_units_keeps_emoji_messages_under_the_limit() -> None:
    text = "📅" * 1500  # 3,000 UTF-16 units, 1,500 characters
    assert split_text(text, ZALO) == [text]
    pieces = split_text(text, ZALO, utf16=True)
    assert [utf16_units(p) for p in pieces] == [2000, 1000]
    assert "".join(pieces) == text


def test_an_emoji_sequence_is_not_torn_apart() -> None:
    family = "👨\u200d👩\u200d👧"
    pieces = split_text("x" * 5 + family, 7)
    assert pieces[0] == "x" * 5
    assert pieces[1] == family


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        split_text("x", 0)


@given(
    st.lists(st.sampled_from([*"ab ơ\n", "\n\n", "📅", "e\u0301"]), max_size=300).map("".join),
    st.integers(min_value=8, max_value=120),
    st.booleans(),
)
def test_pieces_fit_and_keep_every_visible_character(text: str, limit: int, utf16: bool) -> None:
    pieces = split_text(text, limit, utf16=utf16)
    measure = utf16_units if utf16 else len
    assert all(measure(p) <= limit for p in pieces)
    assert _visible("".join(pieces)) == _visible(text)
