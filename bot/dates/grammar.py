"""Components of the Vietnamese time grammar: each reads a few tokens into slots.

See bot.dates for the overview.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.dates.tokens import Tok

# --------------------------------------------------------------------------------------------
# Grammar: components
# --------------------------------------------------------------------------------------------


class Invalid(Exception):
    """The text clearly means a time but names an impossible one ("thứ 9", "25h", "31/11")."""


# A component is a list of (slot, value) pairs; filling a slot twice is a contradiction.
Component = list[tuple[str, object]]

_POD_TAGS = {
    "POD_SANG": "sang",
    "POD_TRUA": "trua",
    "POD_CHIEU": "chieu",
    "POD_TOI": "toi",
    "POD_DEM": "dem",
}
_UNIT_MINUTES = {"PHUT": 1, "TIENG": 60, "GIO": 60}
_UNIT_DAYS = {"NGAY": "day", "TUAN": "week", "THANG": "month", "NAM": "year"}


class Reader:
    """Reads components from a token list; each ``_c_*`` method returns (component, next index)."""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks

    # -- token helpers ------------------------------------------------------------------------

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def has(self, i: int, *tags: str) -> bool:
        t = self.tok(i)
        return t is not None and any(tag in t.tags for tag in tags)

    def num(self, i: int) -> int | None:
        t = self.tok(i)
        return t.num if t is not None and t.kind == "NUM" else None

    def glued(self, i: int) -> bool:
        """Tell whether token i touches token i-1 (no space): "8h30", "26/11", "T5"."""
        a, b = self.tok(i - 1), self.tok(i)
        return a is not None and b is not None and a.end == b.start

    def punct(self, i: int, chars: str) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "PUNCT" and t.text in chars

    def count(self, i: int) -> int | None:
        """A count for "N ngày nữa": digits or a number word ("ba", "năm", "một")."""
        n = self.num(i)
        if n is not None:
            return n
        t = self.tok(i)
        if t is None:
            return None
        # "tư" is four only in "thứ tư"; a count of four is "bốn".
        for tag in ("NUMW", "NAM"):
            if tag in t.tags:
                return t.tags[tag]
        return None

    # -- driver ---------------------------------------------------------------------------------

    def read(self, start: int = 0) -> Iterator[tuple[Component, int]]:
        """Yield components from ``start`` on, each with the token index after it.

        Connectors ("lúc", "vào", "trước", a comma ...) are consumed only when a component
        follows them, so a trailing "lúc" stays in the rest of a command.
        """
        i = start
        after_luc = False
        while i < len(self.toks):
            got = self.component(i, after_luc)
            if got is not None:
                yield got
                i = got[1]
                after_luc = False
                continue
            j = i
            while self.is_connector(j):
                after_luc = after_luc or self.has(j, "LUC")
                j += 1
            if j == i:
                return
            got = self.component(j, after_luc)
            if got is None:
                return
            yield got
            i = got[1]
            after_luc = False

    def is_connector(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "PUNCT":
            return t.text == ","
        # The "T" of ISO 8601 "2026-12-01T10:00" joins a date to its time.
        if "T" in t.tags and self.glued(i) and self.glued(i + 1) and self.punct(i + 2, ":"):
            return True
        # "ngày" before a weekday or a date ("ngày thứ 6", "ngày 26/11") only connects.
        return bool({"CONN", "LUC", "NGAY", "HOM"} & t.tags.keys())

    def component(self, i: int, after_luc: bool) -> tuple[Component, int] | None:
        for reader in (
            self._c_repeat,
            self._c_relative,
            self._c_date,
            self._c_day_word,
            self._c_weekday,
            self._c_week,
            self._c_month,
            self._c_time,
            self._c_pod,
        ):
            got = reader(i)
            if got is not None:
                return got
        if after_luc:
            return self._c_bare_hour(i)
        return None

    # -- components -----------------------------------------------------------------------------

    def _c_repeat(self, i: int) -> tuple[Component, int] | None:
        if self.has(i, "EVERY"):
            for tag, kind in (("NGAY", "daily"), ("TUAN", "weekly"), ("THANG", "monthly")):
                if self.has(i + 1, tag):
                    return [("repeat", kind)], i + 2
            return None
        # "các ngày trong tuần": Monday to Friday.
        if (
            self.has(i, "CAC")
            and self.has(i + 1, "NGAY")
            and self.has(i + 2, "TRONG")
            and self.has(i + 3, "TUAN")
        ):
            return [("repeat", "workdays")], i + 4
        return None

    def _c_relative(self, i: int) -> tuple[Component, int] | None:
        """ "3 ngày nữa", "sau 3 ngày", "3 ngày sau", "1 tiếng rưỡi nữa", "nửa tiếng nữa"."""
        j = i
        lead_sau = self.has(j, "SAU") and self.tok(j + 1) is not None
        if lead_sau:
            j += 1
        half = self.has(j, "NUA_HALF")  # "nửa tiếng" is half of one hour
        amount = 0 if half else self.count(j)
        if amount is None:
            return None
        unit = self.tok(j + 1)
        if unit is None:
            return None
        k = j + 2
        extra = 0
        if half:
            if not {"TIENG", "GIO"} & unit.tags.keys():
                return None
            extra = 30
        elif {"TIENG", "GIO"} & unit.tags.keys() and self.has(k, "RUOI"):
            extra, k = 30, k + 1
        # The phrase needs its "nữa"/"sau", or "3 giờ" would be read as an offset, not 03:00.
        if lead_sau:
            if self.has(k, "NUA_MORE"):
                return None
        elif self.has(k, "NUA_MORE", "SAU"):
            k += 1
        else:
            return None
        for tag, minutes in _UNIT_MINUTES.items():
            if tag in unit.tags:
                total = amount * minutes + extra
                if not 0 < total <= 60 * 24 * 366:
                    raise Invalid
                return [("rel", ("min", total))], k
        for tag, name in _UNIT_DAYS.items():
            if tag in unit.tags:
                if not 0 < amount <= 1000:
                    raise Invalid
                return [("rel", (name, amount))], k
        return None

    def _c_date(self, i: int) -> tuple[Component, int] | None:
        """Read a date: "26/11", "26-11-26", "2026-11-26", "ngày 26 tháng 11 năm 2026"."""
        if self.num(i) is not None:
            return self._numeric_date(i)
        if not self.has(i, "NGAY", "MUNG") or self.num(i + 1) is None:
            return None
        if self.punct(i + 2, "/-.") and self.glued(i + 2):
            return self._numeric_date(i + 1)
        day = self.num(i + 1)
        assert day is not None
        month = year = None
        j = i + 2
        if self.has(j, "THANG") and self.num(j + 1) is not None:
            month, j = self.num(j + 1), j + 2
            if self.has(j, "NAM") and self.num(j + 1) is not None:
                year, j = _year(self.num(j + 1)), j + 2
        if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
            raise Invalid
        return [("date", (day, month, year))], j

    def _numeric_date(self, i: int) -> tuple[Component, int] | None:
        a = self.tok(i)
        if a is None or not (self.punct(i + 1, "/-.") and self.glued(i + 1)):
            return None
        if self.num(i + 2) is None or not self.glued(i + 2):
            return None
        sep = self.toks[i + 1].text
        first, second = a.num, self.num(i + 2)
        assert second is not None
        third = None
        j = i + 3
        if (
            self.punct(j, sep)
            and self.glued(j)
            and self.num(j + 1) is not None
            and self.glued(j + 1)
        ):
            third, j = self.num(j + 1), j + 2
        if sep == "." and third is None:
            return None  # "8.30" is more likely a time or a sentence than a date
        if len(a.text) == 4 and third is not None:  # year first: ISO "2026-11-26", "2026/11/26"
            day, month, year = third, second, first
        else:
            tok3 = self.toks[j - 1] if third is not None else None
            if tok3 is not None and len(tok3.text) not in (2, 4):
                raise Invalid
            day, month, year = first, second, _year(third) if third is not None else None
        if not (1 <= day <= 31 and 1 <= month <= 12):
            raise Invalid
        return [("date", (day, month, year))], j

    def _c_day_word(self, i: int) -> tuple[Component, int] | None:
        """ "nay", "hôm nay", "mai", "ngày mai", "mốt", "ngày mốt", "ngày kia", "hôm qua"."""
        # "hôm qua" is read (not refused as unknown) so that a past deadline typed that way
        # reaches the caller's "this is in the past" check instead of "cannot read".
        k = i + 1 if self.has(i, "NGAY") else i
        if self.has(k, "HOM") and self.has(k + 1, "QUA"):
            return [("day", -1)], k + 2
        j = i
        lead = self.has(j, "NGAY", "HOM")
        if lead:
            j += 1
        if self.has(j, "NAY") and (lead or j == i):
            return [("day", 0)], j + 1
        if self.has(j, "MAI"):
            return [("day", 1)], j + 1
        if self.has(j, "MOT"):
            return [("day", 2)], j + 1
        if self.has(j, "KIA") and self.has(i, "NGAY"):
            return [("day", 2)], j + 1
        return None

    def _weekday_at(self, i: int) -> tuple[int, int] | None:
        """Read one weekday name at i: "thứ 6", "thứ sáu", "T6", "CN", "chủ nhật"."""
        if self.has(i, "THU"):
            n = self.num(i + 1)
            if n is None:
                t = self.tok(i + 1)
                if t is None:
                    return None
                for tag in ("NUMW", "NAM", "TU"):
                    if tag in t.tags:
                        n = t.tags[tag]
                        break
                else:
                    return None
            if not 2 <= n <= 7:
                raise Invalid
            return n - 2, i + 2
        if self.has(i, "T") and self.num(i + 1) is not None and self.glued(i + 1):
            n = self.num(i + 1)
            assert n is not None
            if not 2 <= n <= 7:
                return None  # "T10:00" in ISO text, not a weekday
            return n - 2, i + 2
        if self.has(i, "CN"):
            return 6, i + 1
        if self.has(i, "CHU") and self.has(i + 1, "NHAT"):
            return 6, i + 2
        return None

    def _c_weekday(self, i: int) -> tuple[Component, int] | None:
        first = self._weekday_at(i)
        if first is None:
            return None
        days, j = [first[0]], first[1]
        # A list for "thứ 2 và thứ 5 hằng tuần", "thứ 2, 4, 6".
        while self.has(j, "VA") or self.punct(j, ","):
            nxt = self._weekday_at(j + 1)
            if nxt is None:
                n = self.num(j + 1)
                if n is None or not 2 <= n <= 7:
                    break
                nxt = (n - 2, j + 2)
            days.append(nxt[0])
            j = nxt[1]
        comp: Component = [("weekdays", tuple(days))]
        # "thứ 6 này" / "thứ 6 tới" is the coming Friday.  Unaccented "toi" here stays evening.
        t = self.tok(j)
        if t is not None and (
            ("NAY" in t.tags and not self.has(j + 1, "TUAN"))
            or ("TOI_NEXT" in t.tags and not t.text.isascii())
        ):
            j += 1
        return comp, j

    def _c_week(self, i: int) -> tuple[Component, int] | None:
        if not self.has(i, "TUAN"):
            return None
        if self.has(i + 1, "NAY"):
            return [("week", 0)], i + 2
        if self.has(i + 1, "SAU", "TOI_NEXT"):
            if self.has(i + 2, "NUA_MORE"):
                return [("week", 2)], i + 3
            return [("week", 1)], i + 2
        if self.has(i + 1, "TRUOC"):
            raise Invalid  # past weeks are never a deadline or a reminder
        return None

    def _c_month(self, i: int) -> tuple[Component, int] | None:
        if not self.has(i, "THANG"):
            return None
        if self.has(i + 1, "NAY"):
            return [("month", 0)], i + 2
        if self.has(i + 1, "SAU", "TOI_NEXT"):
            return [("month", 1)], i + 2
        return None

    def _c_time(self, i: int) -> tuple[Component, int] | None:
        """ "8h", "8h30", "8g30", "8:30", "8 giờ 30 phút", "8 rưỡi", "8h kém 15", "3pm"."""
        hour = self.num(i)
        if hour is None:
            return None
        minute = 0
        j = i + 1
        if self.has(j, "H", "GIO") and (self.glued(j) or self.has(j, "GIO")):
            spoken = self.has(j, "GIO")
            j += 1
            m = self.num(j)
            # Minutes are "8h30" (glued), "8 giờ 30" (spoken) or "8h 30 phút"; a loose number
            # after "8h" is the start of the rest ("8h 5 người họp"), and "8 giờ 26/11" a date.
            if m is not None and (
                self.glued(j)
                or self.has(j + 1, "PHUT")
                or (spoken and not self.punct(j + 1, "/-."))
            ):
                minute, j = m, j + 1
                if self.has(j, "PHUT"):
                    j += 1
            elif self.has(j, "RUOI"):
                minute, j = 30, j + 1
            elif self.has(j, "KEM") and self.num(j + 1) is not None:
                before = self.num(j + 1)
                assert before is not None
                if not 1 <= before <= 59 or hour == 0:
                    raise Invalid
                hour, minute, j = hour - 1, 60 - before, j + 2
                if self.has(j, "PHUT"):
                    j += 1
        elif self.punct(j, ":") and self.glued(j) and self.num(j + 1) is not None:
            mt = self.toks[j + 1]
            if len(mt.text) != 2:
                raise Invalid
            minute, j = mt.num, j + 2
        elif self.has(j, "RUOI"):
            minute, j = 30, j + 1
        elif not self.has(j, "AM", "PM"):
            return None
        comp: Component = []
        if self.has(j, "AM", "PM"):
            if not 1 <= hour <= 12:
                raise Invalid
            pm = self.has(j, "PM")
            hour = hour % 12 + (12 if pm else 0)
            comp.append(("ampm", True))
            j += 1
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise Invalid
        comp.append(("time", (hour, minute)))
        return comp, j

    def _c_bare_hour(self, i: int) -> tuple[Component, int] | None:
        """ "lúc 8": a bare number after "lúc" is an hour."""
        n = self.num(i)
        if n is None or self.punct(i + 1, "/-.:"):
            return None
        if not 0 <= n <= 23:
            raise Invalid
        return [("time", (n, 0))], i + 1

    def _c_pod(self, i: int) -> tuple[Component, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        for tag, pod in _POD_TAGS.items():
            if tag in t.tags:
                return [("pod", pod)], i + 1
        return None


def _year(n: int | None) -> int | None:
    if n is None:
        return None
    return 2000 + n if n < 100 else n
