"""Whether a plain message, sent soon after the bot asked why someone will be absent, is clearly
that answer — so ordinary chat ("ok a", a reminder to bring documents) is never taken and
announced as a reason. A reply to the bot's question is always the answer; this is for people
who answer without pressing reply."""

from __future__ import annotations

from datetime import timedelta

from bot.textnorm import fold

# Without a reply, an answer must come this soon after the question.
QUICK_WINDOW = timedelta(minutes=10)

# A message opening with one of these (folded) states a reason.
_OPENINGS = ("ly do", "li do", "vi ", "boi vi", "tai vi", "do em", "do anh", "do chi", "do toi")
# Words that only come up when saying why one cannot come (folded, whole words).
_REASON_WORDS = (
    "om",
    "benh",
    "sot",
    "nam vien",
    "di vien",
    "kham benh",
    "cong tac",
    "di cong tac",
    "trung lich",
    "vuong lich",
    "ket lich",
    "nghi phep",
    "viec gia dinh",
    "viec rieng",
    "viec dot xuat",
    "dot xuat",
    "dam cuoi",
    "dam hieu",
    "dam gio",
    "dam tang",
    "ve que",
    "di hoc",
    "tap huan",
    "khong tham du duoc",
    "khong den duoc",
    "khong di duoc",
    "khong du duoc",
    "ko du duoc",
    "k du duoc",
    "xin vang",
    "xin phep vang",
    "ban viec",
    "ban roi",
    "dang ban",
    "bi ban",
)


def looks_like_reason(text: str) -> bool:
    """True when the text plainly says why the person will be absent."""
    folded = " ".join(fold(text).replace(",", " ").replace(".", " ").replace(":", " ").split())
    if not folded or folded.startswith("/"):
        return False
    padded = f" {folded} "
    if any(padded.startswith(" " + opening) for opening in _OPENINGS):
        return True
    return any(f" {word} " in padded for word in _REASON_WORDS)
