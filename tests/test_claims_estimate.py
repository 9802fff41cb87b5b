"""Estimates computed from the shipped rate files; every figure below was worked out by hand."""

from __future__ import annotations

import pytest

from handlers.claims_estimate import Estimate, Factors, compute_estimate, factor_key, line_key
from handlers.claims_rates import RateTable, load_rate_tables


@pytest.fixture(scope="module")
def tables() -> dict[str, RateTable]:
    return {t.province: t for t in load_rate_tables()}


def _rows(estimate: Estimate) -> list[tuple[str, int, int, int]]:
    return [(line.code, line.rate, line.quantity, line.amount) for line in estimate.lines]


def test_txct_estimate_from_the_quang_nam_rates(tables: dict[str, RateTable]) -> None:
    estimate = compute_estimate(tables["quang_nam"], "txct", Factors(attendees=5), {})
    # 1 điểm × 2,000,000; (chủ trì + thư ký) 2 × 1 buổi × 150,000; no staff yet; lump sum 0.
    assert _rows(estimate) == [
        ("ho_tro_diem_txct", 2_000_000, 1, 2_000_000),
        ("chu_tri_thu_ky", 150_000, 2, 300_000),
        ("phuc_vu", 120_000, 0, 0),
        ("khoan_dai_bieu", 3_500_000, 0, 0),
    ]
    assert estimate.total == 2_300_000
    assert [line.number for line in estimate.lines] == [1, 2, 3, 4]
    assert not any(line.set_by_hand for line in estimate.lines)


def test_counts_set_by_hand_flow_into_every_line(tables: dict[str, RateTable]) -> None:
    quantities = {factor_key("staff"): 3, factor_key("sessions"): 2, factor_key("venues"): 2}
    estimate = compute_estimate(tables["quang_nam"], "txct", Factors(attendees=5), quantities)
    # 2 × 2,000,000 + 2 × 2 × 150,000 + 3 × 2 × 120,000 = 4,000,000 + 600,000 + 720,000.
    assert [line.amount for line in estimate.lines] == [4_000_000, 600_000, 720_000, 0]
    assert estimate.total == 5_320_000
    assert estimate.factors == Factors(attendees=5, staff=3, sessions=2, venues=2)
    assert estimate.factors_set_by_hand == {"staff", "sessions", "venues"}


def test_a_line_quantity_set_by_hand_wins_over_its_factors(tables: dict[str, RateTable]) -> None:
    quantities = {line_key("khoan_dai_bieu"): 5, line_key("chu_tri_thu_ky"): 3}
    estimate = compute_estimate(tables["quang_nam"], "txct", Factors(attendees=5), quantities)
    # 2,000,000 + 3 × 150,000 + 0 + 5 × 3,500,000 = 2,000,000 + 450,000 + 17,500,000.
    assert estimate.total == 19_950_000
    assert [line.set_by_hand for line in estimate.lines] == [False, True, False, True]


def test_supervision_estimate_counts_head_members_and_staff(
    tables: dict[str, RateTable],
) -> None:
    quantities = {factor_key("staff"): 2, factor_key("sessions"): 2}
    estimate = compute_estimate(
        tables["vi_du_thanh_pho"], "giamsat", Factors(attendees=6), quantities
    )
    # Plan 700,000; one report 500,000; head 1 × 2 × 200,000; members (6 − 1) × 2 × 100,000;
    # staff 2 × 2 × 80,000.
    assert _rows(estimate) == [
        ("ke_hoach_de_cuong", 700_000, 1, 700_000),
        ("bao_cao_1", 500_000, 1, 500_000),
        ("bao_cao_tong_hop_2", 900_000, 0, 0),
        ("bao_cao_tong_hop_3", 1_200_000, 0, 0),
        ("truong_doan", 200_000, 2, 400_000),
        ("thanh_vien_doan", 100_000, 10, 1_000_000),
        ("phuc_vu_doan", 80_000, 4, 320_000),
    ]
    assert estimate.total == 2_920_000


def test_survey_and_meeting_lines_come_from_their_own_kind(tables: dict[str, RateTable]) -> None:
    survey = compute_estimate(tables["vi_du_thanh_pho"], "khaosat", Factors(attendees=4), {})
    # Plan 700,000 + report 500,000 + field trip 4 × 1 × 100,000.
    assert survey.total == 1_600_000
    meeting = compute_estimate(tables["vi_du_thanh_pho"], "hop", Factors(attendees=0), {})
    # Chair 200,000; nobody else confirmed, so members count 0 (never −1).
    assert [line.amount for line in meeting.lines] == [200_000, 0, 0]


def test_amounts_stay_exact_integers_for_large_quantities(tables: dict[str, RateTable]) -> None:
    quantities = {line_key("khoan_dai_bieu"): 987_654_321}
    estimate = compute_estimate(tables["quang_nam"], "txct", Factors(attendees=1), quantities)
    assert estimate.lines[3].amount == 3_456_790_123_500_000
    assert estimate.total == 3_456_790_123_500_000 + 2_300_000
    assert all(isinstance(line.amount, int) for line in estimate.lines)


def test_quantities_of_lines_no_longer_in_the_table_are_ignored(
    tables: dict[str, RateTable],
) -> None:
    estimate = compute_estimate(
        tables["quang_nam"], "txct", Factors(attendees=5), {line_key("da_bo"): 9}
    )
    assert estimate.total == 2_300_000
