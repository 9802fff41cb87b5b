"""The shipped checklist and rate files, and the errors a wrong file gets (file and line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handlers.claims_rates import (
    RateTable,
    check_tables,
    load_rate_tables,
    parse_rate_table,
    table_in_force,
)
from handlers.claims_templates import CLAIM_KINDS, load_default_checklists, parse_checklists
from handlers.claims_tomlfile import DataFileError, read_toml

RATES = """\
province = "thu_nghiem"
province_name = "Tỉnh thử nghiệm"
resolution = "Nghị quyết số 1/2025/NQ-HĐND"
effective = 2025-07-21
kinds = ["txct"]

[[items]]
code = "diem"
name = "Hỗ trợ điểm"
unit = "đ/điểm"
rate = 1_000_000
quantity = ["venues"]

[[items]]
code = "chu_tri"
name = "Chủ trì"
unit = "đ/người/buổi"
rate = 100_000
quantity = [1, "sessions"]
"""


def _rates(source: str, name: str = "rates/thu_nghiem.toml") -> RateTable:
    return parse_rate_table(read_toml(name, source))


def _error(source: str) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        _rates(source)
    return caught.value


def _line_of(source: str, fragment: str, nth: int = 0) -> int:
    found = [n for n, line in enumerate(source.splitlines(), start=1) if fragment in line]
    return found[nth]


# -- shipped files -----------------------------------------------------------------------------


def test_every_kind_has_a_default_checklist_grouped_by_phase() -> None:
    checklists = load_default_checklists()
    assert set(checklists) == set(CLAIM_KINDS)
    txct = checklists["txct"]
    assert txct.name == "Tiếp xúc cử tri"
    phases = [item.phase for item in txct.items]
    assert phases == sorted(phases, key=("before", "on_day", "after").index)
    names = [item.name for item in txct.items]
    assert "Dự trù kinh phí từng điểm TXCT" in names
    assert names[-1] == "Giấy đề nghị thanh toán"
    minutes = [item.name for item in txct.items if item.auto == "minutes"]
    assert minutes == ["Biên bản TXCT (chủ trì và thư ký ký)"]
    trip = [item.name for item in checklists["congtacphi"].items if item.phase == "on_day"]
    assert trip == ["Giấy đi đường có xác nhận nơi đến"]


def test_shipped_rate_tables_carry_the_domain_guide_examples() -> None:
    tables = {t.province: t for t in load_rate_tables()}
    quang_nam = tables["quang_nam"]
    assert quang_nam.example
    assert "42/2022/NQ-HĐND" in quang_nam.resolution
    rates = {item.code: (item.rate, item.unit) for item in quang_nam.items}
    assert rates == {
        "ho_tro_diem_txct": (2_000_000, "đ/điểm"),
        "chu_tri_thu_ky": (150_000, "đ/người/buổi"),
        "phuc_vu": (120_000, "đ/người/buổi"),
        "khoan_dai_bieu": (3_500_000, "đ/người/năm"),
    }
    supervision = tables["vi_du_thanh_pho"]
    assert supervision.example
    assert "16/2012/NQ-HĐND" in supervision.resolution
    giamsat = {item.code: item.rate for item in supervision.items_for("giamsat")}
    assert giamsat["ke_hoach_de_cuong"] == 700_000
    assert giamsat["truong_doan"] == 200_000
    assert giamsat["phuc_vu_doan"] == 80_000
    assert "khao_sat_thuc_te" not in giamsat
    assert [i.code for i in supervision.items_for("hop")] == [
        "chu_tri_hop",
        "thanh_vien_hop",
        "phuc_vu_hop",
    ]


def test_table_in_force_is_the_newest_already_effective_with_lines_for_the_kind() -> None:
    old = _rates(RATES)
    new = _rates(RATES.replace("2025-07-21", "2026-01-01").replace("1_000_000", "1_500_000"))
    tables = check_tables([new, old])
    assert table_in_force(tables, "thu_nghiem", "txct", date(2025, 12, 31)) == old
    assert table_in_force(tables, "thu_nghiem", "txct", date(2026, 1, 1)) == new
    assert table_in_force(tables, "thu_nghiem", "txct", date(2025, 7, 20)) is None
    assert table_in_force(tables, "thu_nghiem", "giamsat", date(2026, 3, 1)) is None
    assert table_in_force(tables, "quang_nam", "txct", date(2026, 3, 1)) is None


def test_two_tables_of_one_province_from_the_same_day_are_refused() -> None:
    first = _rates(RATES, "rates/a.toml")
    second = _rates(RATES, "rates/b.toml")
    with pytest.raises(DataFileError, match=r"rates/b\.toml: .*rates/a\.toml"):
        check_tables([first, second])


# -- bad rate files ----------------------------------------------------------------------------


def test_missing_rate_names_file_and_the_items_table() -> None:
    source = RATES.replace("rate = 100_000\n", "")
    error = _error(source)
    assert error.file == "rates/thu_nghiem.toml"
    assert error.line == _line_of(source, "[[items]]", nth=1)
    assert "chu_tri" in str(error)
    assert "thiếu định mức" in str(error)
    assert str(error).startswith(f"rates/thu_nghiem.toml, dòng {error.line}: ")


def test_negative_rate_names_its_line() -> None:
    source = RATES.replace("rate = 100_000", "rate = -100_000")
    error = _error(source)
    assert error.line == _line_of(source, "rate = -100_000")
    assert "số âm" in error.problem


@pytest.mark.parametrize("value", ["150000.5", "1.5e5", "true", '"150000"'])
def test_rate_that_is_not_whole_dong_is_refused(value: str) -> None:
    source = RATES.replace("rate = 100_000", f"rate = {value}")
    error = _error(source)
    assert error.line == _line_of(source, f"rate = {value}")
    assert "số nguyên đồng" in error.problem


def test_unknown_key_names_its_line() -> None:
    source = RATES.replace('unit = "đ/người/buổi"', 'unit = "đ/người/buổi"\nmuc_chi = 5')
    error = _error(source)
    assert error.line == _line_of(source, "muc_chi = 5")
    assert "muc_chi" in error.problem


def test_unknown_top_level_key_names_its_line() -> None:
    source = RATES.replace("kinds = [", 'tinh = "x"\nkinds = [')
    assert _error(source).line == _line_of(source, 'tinh = "x"')


def test_unknown_factor_in_quantity_names_its_line() -> None:
    source = RATES.replace('[1, "sessions"]', '[1, "buoi"]')
    error = _error(source)
    assert error.line == _line_of(source, '"buoi"')
    assert "sessions" in error.problem


def test_missing_effective_date_and_bad_date() -> None:
    missing = RATES.replace("effective = 2025-07-21\n", "")
    assert "thiếu “effective”" in _error(missing).problem
    wrong = RATES.replace("effective = 2025-07-21", 'effective = "21/7/2025"')
    assert _error(wrong).line == _line_of(wrong, "effective")


def test_unknown_kind_and_item_without_kinds() -> None:
    source = RATES.replace('kinds = ["txct"]', 'kinds = ["tiepxuc"]')
    assert "tiepxuc" in _error(source).problem
    no_kinds = RATES.replace('kinds = ["txct"]\n', "")
    error = _error(no_kinds)
    assert error.line == _line_of(no_kinds, 'code = "diem"')


def test_duplicate_code_names_the_second_line() -> None:
    source = RATES.replace('code = "chu_tri"', 'code = "diem"')
    assert _error(source).line == _line_of(source, 'code = "diem"', nth=1)


def test_syntax_error_gives_the_parsers_line() -> None:
    source = RATES.replace('unit = "đ/điểm"', 'unit = "đ/điểm')
    error = _error(source)
    assert error.line == _line_of(source, 'unit = "đ/điểm')
    assert "cú pháp" in error.problem


def test_table_without_items() -> None:
    source = RATES.split("[[items]]")[0]
    assert "không có mục nào" in _error(source).problem


# -- bad checklist files -----------------------------------------------------------------------

CHECKLISTS = "\n".join(
    f'[{kind}]\nname = "{kind}"\nbefore = ["Kế hoạch"]\nafter = [\n    "Giấy đề nghị",\n]\n'
    for kind in CLAIM_KINDS
)


def _checklist_error(source: str) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        parse_checklists(read_toml("checklists.toml", source))
    return caught.value


def test_good_checklists_parse() -> None:
    checklists = parse_checklists(read_toml("checklists.toml", CHECKLISTS))
    assert [i.name for i in checklists["hop"].items] == ["Kế hoạch", "Giấy đề nghị"]


def test_checklist_unknown_kind_names_its_header() -> None:
    source = CHECKLISTS + '\n[tiepdan]\nname = "x"\nbefore = ["a"]\n'
    error = _checklist_error(source)
    assert error.line == _line_of(source, "[tiepdan]")
    assert "tiepdan" in error.problem


def test_checklist_missing_kind_names_the_file() -> None:
    source = CHECKLISTS.split("[congtacphi]")[0]
    error = _checklist_error(source)
    assert error.file == "checklists.toml"
    assert "congtacphi" in error.problem


def test_checklist_unknown_key_and_unknown_item_key() -> None:
    source = CHECKLISTS.replace('[hop]\nname = "hop"', '[hop]\nname = "hop"\ntruoc = ["a"]')
    assert _checklist_error(source).line == _line_of(source, 'truoc = ["a"]')
    inline = CHECKLISTS.replace(
        '[hop]\nname = "hop"\nbefore = ["Kế hoạch"]',
        '[hop]\nname = "hop"\nbefore = [\n    "Kế hoạch",\n    { name = "BB", tu_dong = 1 },\n]',
    )
    error = _checklist_error(inline)
    assert error.line == _line_of(inline, "tu_dong")


def test_checklist_that_would_be_empty_is_refused() -> None:
    source = CHECKLISTS.replace(
        '[giamsat]\nname = "giamsat"\nbefore = ["Kế hoạch"]\nafter = [\n    "Giấy đề nghị",\n]',
        '[giamsat]\nname = "giamsat"\nbefore = []',
    )
    error = _checklist_error(source)
    assert error.line == _line_of(source, "[giamsat]")
    assert "không có mục nào" in error.problem


def test_checklist_duplicate_item_points_at_the_repeat() -> None:
    source = CHECKLISTS.replace(
        'after = [\n    "Giấy đề nghị",\n]\n\n[giamsat]',
        'after = [\n    "Giấy đề nghị",\n    "Giấy đề nghị",\n]\n\n[giamsat]',
    )
    error = _checklist_error(source)
    assert error.line == _line_of(source, '"Giấy đề nghị"', nth=1)


def test_checklist_bad_auto_and_empty_name() -> None:
    source = CHECKLISTS.replace(
        '[hop]\nname = "hop"\nbefore = ["Kế hoạch"]',
        '[hop]\nname = "hop"\nbefore = [\n    { name = "BB", auto = "docx" },\n]',
    )
    error = _checklist_error(source)
    assert error.line == _line_of(source, 'auto = "docx"')
    empty = CHECKLISTS.replace('[hop]\nname = "hop"\nbefore = ["Kế hoạch"]', '[hop]\nname = ""')
    assert "name" in _checklist_error(empty).problem


def test_a_wrong_shipped_file_stops_start_up_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli
    from handlers import claims_catalog

    def broken() -> list[RateTable]:
        source = RATES.replace("rate = 100_000", "rate = -5")
        return [parse_rate_table(read_toml("handlers/claims_data/rates/x.toml", source))]

    monkeypatch.setenv("TODAIBIEU_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456789:" + "A" * 35)
    monkeypatch.setattr(claims_catalog, "load_rate_tables", broken)
    claims_catalog.catalog.cache_clear()
    try:
        assert cli.main(["run"]) == cli.EXIT_CONFIG
    finally:
        claims_catalog.catalog.cache_clear()
    line = _line_of(RATES.replace("rate = 100_000", "rate = -5"), "rate = -5")
    assert capsys.readouterr().err.startswith(
        f"todaibieu: handlers/claims_data/rates/x.toml, dòng {line}: định mức “rate”"
    )
