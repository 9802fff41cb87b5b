"""Example minutes for the document tests, the rendered picture in docs/ and the benchmark."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.minutes_doc import (
    AbsentPerson,
    Item,
    Line,
    MinutesDoc,
    Opinion,
    Person,
    TaskLine,
    VoteResult,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
STARTED = datetime(2026, 11, 25, 14, 0, tzinfo=VN)


def example_doc(*, transcript_lines: int = 12) -> MinutesDoc:
    """A Tổ meeting before the year-end session, as the bot would write it."""
    speakers = ["Trần Văn Hùng", "Lê Thị Mai", "Nguyễn Thị Lan", "Phạm Minh Đức"]
    transcript = tuple(
        Line(
            STARTED + timedelta(minutes=i),
            speakers[i % len(speakers)],
            f"Ý kiến trao đổi số {i + 1} về nội dung kỳ họp, số liệu và kiến nghị cử tri.",
            edited=i % 7 == 3,
            is_text=i % 11 != 5,
        )
        for i in range(transcript_lines)
    )
    return MinutesDoc(
        agency_parent="HĐND tỉnh Quảng Nam",
        agency="Tổ đại biểu số 3",
        number=5,
        code="BB-TĐB",
        title="Họp Tổ đại biểu số 3 chuẩn bị kỳ họp thứ mười hai, HĐND tỉnh khóa X",
        started_at=STARTED,
        ended_at=STARTED + timedelta(hours=2, minutes=30),
        place="Phòng họp số 2, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        present=(
            Person("Trần Văn Hùng", "Tổ trưởng"),
            Person("Lê Thị Mai", "Tổ phó"),
            Person("Phạm Minh Đức", "Đại biểu"),
            Person("Nguyễn Thị Lan", "Chuyên viên"),
        ),
        absent=(AbsentPerson("Võ Thanh Bình", "Đại biểu", "đi công tác tại Hà Nội"),),
        guests=("Ông Nguyễn Văn Cường, Phó Chủ tịch UBND xã Tân Lập",),
        chair=Person("Trần Văn Hùng", "Tổ trưởng"),
        secretary=Person("Nguyễn Thị Lan", "Chuyên viên"),
        items=(
            Item(
                "Thảo luận dự thảo Nghị quyết về kế hoạch đầu tư công trung hạn",
                (
                    Opinion("Lê Thị Mai", "Đề nghị bổ sung số liệu giải ngân 10 tháng đầu năm."),
                    Opinion(
                        "Phạm Minh Đức", "Thống nhất với dự thảo, lưu ý tiến độ tuyến ĐT 609."
                    ),
                    VoteResult("thông qua ý kiến góp ý của Tổ", 4, 0, 0),
                ),
                ("Tổ thống nhất các ý kiến góp ý; giao chuyên viên tổng hợp gửi Thường trực.",),
            ),
            Item(
                "Tổng hợp kiến nghị cử tri sau đợt tiếp xúc",
                (Opinion("Trần Văn Hùng", "Phân loại theo thẩm quyền tỉnh và cấp xã."),),
                ("Hoàn thành báo cáo tổng hợp kiến nghị trước kỳ họp.",),
            ),
        ),
        tasks=(
            TaskLine(
                "Soạn báo cáo tổng hợp ý kiến, kiến nghị cử tri của Tổ",
                ("Nguyễn Thị Lan",),
                datetime(2026, 11, 27, 17, 0, tzinfo=VN),
                True,
                number=12,
            ),
            TaskLine(
                "Liên hệ UBND xã Tân Lập về số liệu",
                ("Lê Thị Mai",),
                None,
                number=13,
                needs_deadline=True,
            ),
        ),
        recipients=("Các thành viên Tổ", "Thường trực HĐND tỉnh (để báo cáo)"),
        transcript=transcript,
    )
