"""The meeting markers as people type them: any case, with or without diacritics or spaces."""

from __future__ import annotations

import pytest

from handlers.minutes_markers import (
    Absentee,
    MarkerKind,
    MarkerProblem,
    ParsedMarker,
    Problem,
    Undo,
    Votes,
    parse_marker,
)

K = MarkerKind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("#chutri @hung", K.CHUTRI),
        ("#chủ trì @hung", K.CHUTRI),
        ("#Chủ Tọa @hung", K.CHUTRI),
        ("#CHU TRI @hung", K.CHUTRI),
        ("#thuky @lan_cv", K.THUKY),
        ("#thư ký @lan_cv", K.THUKY),
        ("#Thu ki @lan_cv", K.THUKY),
        ("#comat @hung", K.COMAT),
        ("#có mặt @hung", K.COMAT),
        ("#vắng @mai ốm", K.VANG),
        ("#Vang mat @mai ốm", K.VANG),
        ("#khách Ông Bình, Chủ tịch UBND xã", K.KHACH),
        ("#khach moi Ông Bình", K.KHACH),
        ("#noidung Kế hoạch giám sát", K.NOIDUNG),
        ("#Nội dung: Kế hoạch giám sát", K.NOIDUNG),
        ("#ykien Tôi đồng ý", K.YKIEN),
        ("#ý kiến Tôi đồng ý", K.YKIEN),
        ("#Ket luan Thống nhất", K.KETLUAN),
        ("#KẾT LUẬN Thống nhất", K.KETLUAN),
        ("# ketluan Thống nhất", K.KETLUAN),
        ("#GIAOVIEC Soạn báo cáo @hung hạn thứ 6", K.GIAOVIEC),
        ("#giao việc Soạn báo cáo @hung", K.GIAOVIEC),
        ("#biểu quyết 7/0/1", K.BIEUQUYET),
        ("#BIEUQUYET Thông qua 7/0/1", K.BIEUQUYET),
        ("  #ketluan   có khoảng trắng đầu dòng", K.KETLUAN),
    ],
)
def test_every_spelling_is_recognised(text: str, kind: MarkerKind) -> None:
    parsed = parse_marker(text)
    assert isinstance(parsed, ParsedMarker)
    assert parsed.kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "Tôi đồng ý với #ketluan",  # not at the start
        "#ketluanxyz abc",  # another word
        "#hashtag bình thường",
        "ketluan không có dấu #",
        "",
        "#bổ sung ý kiến",  # bổ sung is not #bỏ
    ],
)
def test_ordinary_messages_are_not_markers(text: str) -> None:
    assert parse_marker(text) is None


@pytest.mark.parametrize("text", ["#bo", "#bỏ", "#BO", "#undo", "#Undo nhầm", "#bỏ.", " # bo"])
def test_undo_in_every_spelling(text: str) -> None:
    assert parse_marker(text) == Undo()


def test_text_markers_keep_diacritics_and_line_breaks_and_drop_the_colon() -> None:
    parsed = parse_marker("#Kết luận:  Thống nhất  thông qua\nkế hoạch giám sát năm 2027.")
    assert parsed == ParsedMarker(
        K.KETLUAN, text="Thống nhất thông qua\nkế hoạch giám sát năm 2027"
    )


@pytest.mark.parametrize("text", ["#ketluan", "#noi dung :", "#ykien   ", "#khach", "#comat"])
def test_a_marker_with_nothing_after_it_is_a_problem(text: str) -> None:
    parsed = parse_marker(text)
    assert isinstance(parsed, MarkerProblem)
    assert parsed.problem is Problem.EMPTY


def test_people_markers_take_mentions_and_plain_names() -> None:
    parsed = parse_marker("#comat @hung, @mai_le, ông Trần Văn Bình; bà Lê Thị C")
    assert parsed == ParsedMarker(
        K.COMAT, people=("@hung", "@mai_le"), names=("ông Trần Văn Bình", "bà Lê Thị C")
    )


def test_a_mention_without_username_is_found_by_its_text() -> None:
    parsed = parse_marker("#chutri Trần Hùng", mention_texts=["Trần Hùng"])
    assert parsed == ParsedMarker(K.CHUTRI, people=("Trần Hùng",))


def test_chair_or_secretary_alone_means_the_sender() -> None:
    assert parse_marker("#thuky") == ParsedMarker(K.THUKY)


def test_an_email_address_is_not_a_mention() -> None:
    parsed = parse_marker("#ykien gửi về lan@hdnd.gov.vn")
    assert parsed == ParsedMarker(K.YKIEN, text="gửi về lan@hdnd.gov.vn")


def test_absent_people_with_a_shared_reason() -> None:
    parsed = parse_marker("#vang @hung @mai đi công tác")
    assert isinstance(parsed, ParsedMarker)
    assert parsed.absentees == (
        Absentee("@hung", True, "đi công tác"),
        Absentee("@mai", True, "đi công tác"),
    )
    assert parsed.people == ("@hung", "@mai")


def test_absent_people_with_their_own_reasons() -> None:
    parsed = parse_marker("#vắng @hung (ốm), @mai lý do: họp ở tỉnh")
    assert isinstance(parsed, ParsedMarker)
    assert parsed.absentees == (
        Absentee("@hung", True, "ốm"),
        Absentee("@mai", True, "họp ở tỉnh"),
    )


def test_a_reason_written_first_applies_to_everyone() -> None:
    parsed = parse_marker("#vang ốm: @hung")
    assert isinstance(parsed, ParsedMarker)
    assert parsed.absentees == (Absentee("@hung", True, "ốm"),)


def test_an_absent_person_without_an_account() -> None:
    assert parse_marker("#vang Ông Trần Văn Bình (đi công tác)") == ParsedMarker(
        K.VANG, absentees=(Absentee("Ông Trần Văn Bình", False, "đi công tác"),)
    )
    assert parse_marker("#vang Bà Lê Thị C - ốm") == ParsedMarker(
        K.VANG, absentees=(Absentee("Bà Lê Thị C", False, "ốm"),)
    )
    assert parse_marker("#vang Ông D") == ParsedMarker(
        K.VANG, absentees=(Absentee("Ông D", False, ""),)
    )


def test_absent_without_anyone_is_a_problem() -> None:
    assert parse_marker("#vang") == MarkerProblem(K.VANG, Problem.EMPTY)


def test_guests_are_split_on_semicolons_and_lines_not_commas() -> None:
    parsed = parse_marker(
        "#khach Ông Nguyễn Văn C, Phó Chủ tịch UBND xã Tân Lập; Bà D, MTTQ xã\nÔng E"
    )
    assert parsed == ParsedMarker(
        K.KHACH,
        names=("Ông Nguyễn Văn C, Phó Chủ tịch UBND xã Tân Lập", "Bà D, MTTQ xã", "Ông E"),
    )


def test_an_opinion_noted_for_someone_else() -> None:
    assert parse_marker("#ykien @hung: đề nghị bổ sung số liệu") == ParsedMarker(
        K.YKIEN, text="đề nghị bổ sung số liệu", people=("@hung",)
    )
    # A mention inside the sentence is part of what was said.
    assert parse_marker("#ykien Tôi đồng ý với @hung") == ParsedMarker(
        K.YKIEN, text="Tôi đồng ý với @hung"
    )


def test_a_task_keeps_its_deadline_words_and_loses_its_people() -> None:
    parsed = parse_marker("#giaoviec Soạn báo cáo kết quả @hung @mai hạn 17h thứ 6")
    assert parsed == ParsedMarker(
        K.GIAOVIEC, text="Soạn báo cáo kết quả hạn 17h thứ 6", people=("@hung", "@mai")
    )
    assert parse_marker("#giao viec @mai liên hệ UBND xã") == ParsedMarker(
        K.GIAOVIEC, text="liên hệ UBND xã", people=("@mai",)
    )


def test_a_task_without_text_is_a_problem() -> None:
    assert parse_marker("#giaoviec @hung") == MarkerProblem(K.GIAOVIEC, Problem.EMPTY)


@pytest.mark.parametrize(
    ("text", "subject", "votes"),
    [
        ("#bieuquyet Thông qua kế hoạch giám sát 7/0/1", "Thông qua kế hoạch giám sát", (7, 0, 1)),
        ("#biểu quyết 7/0/1", "", (7, 0, 1)),
        ("#Bieu quyet thong qua: 8 / 1 / 0.", "thong qua", (8, 1, 0)),
        (
            "#bieuquyet Thông qua NQ 12/2025/NQ-HĐND 6/2/0",
            "Thông qua NQ 12/2025/NQ-HĐND",
            (6, 2, 0),
        ),
        (
            "#biểu quyết Thông qua dự thảo: tán thành 9, không tán thành 0, không ý kiến 2",
            "Thông qua dự thảo",
            (9, 0, 2),
        ),
        (
            "#bieuquyet Kế hoạch khong y kien 1 tan thanh 5 khong tan thanh 2",
            "Kế hoạch",
            (5, 2, 1),
        ),
    ],
)
def test_vote_results(text: str, subject: str, votes: tuple[int, int, int]) -> None:
    assert parse_marker(text) == ParsedMarker(K.BIEUQUYET, text=subject, votes=Votes(*votes))


@pytest.mark.parametrize(
    "text", ["#bieuquyet Thông qua kế hoạch", "#bieuquyet 7/0", "#bieuquyet tán thành 7"]
)
def test_a_vote_without_three_counts_is_a_problem(text: str) -> None:
    assert parse_marker(text) == MarkerProblem(K.BIEUQUYET, Problem.VOTES)


def test_invisible_characters_from_phones_do_not_hide_a_marker() -> None:
    assert parse_marker("\u200b#ketluan\u200b Đồng ý") == ParsedMarker(K.KETLUAN, text="Đồng ý")


def test_decomposed_diacritics_read_like_composed_ones() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "#kết luận Thống nhất")
    assert parse_marker(decomposed) == ParsedMarker(K.KETLUAN, text="Thống nhất")
