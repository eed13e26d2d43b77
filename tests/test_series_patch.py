"""A series patched with what changed equals the series built anew from all the claims:
claims added on days already held (merged into their points), on new days, taken out, and
changed, over several versions, with sources that rank alike (the lowest claim id heads).

The claims here are SYNTHETIC, made by code for this test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import INDICATORS
from indicators.series import build
from indicators.series_patch import Delta, patch

SOURCES = pd.DataFrame(
    {
        "source_id": ["un", "ngo", "news-a", "news-b", "gov"],
        "source_type": ["un_agency", "ngo", "news_agency", "news_agency", "government"],
        "published": pd.to_datetime(["2024-12-01", "2024-12-02", "2024-12-03", "2024-12-03", None]),
    }
)


def synthetic(n: int, seed: int, prefix: str) -> pd.DataFrame:
    """``n`` synthetic accepted casualty claims over 10 days and 4 places."""
    rng = np.random.default_rng(seed)
    best = rng.integers(1, 60, n).astype(float)
    low = np.where(rng.random(n) < 0.3, best - 1, np.nan)
    spanned = rng.random(n) < 0.1
    admin1 = rng.choice(["SY01", "SY02", "SY07", None], n)
    return pd.DataFrame(
        {
            "claim_id": [f"{prefix}-{i:04d}" for i in rng.permutation(n)],
            "source_id": rng.choice(SOURCES["source_id"], n),
            "outcome": rng.choice(["killed", "injured"], n),
            "subset_of": pd.array([None] * n, dtype="string[pyarrow]"),
            "date_end": pd.Timestamp("2024-11-27")
            + pd.to_timedelta(rng.integers(0, 10, n), unit="D"),
            "count_kind": rng.choice(["new", "cumulative"], n),
            "value_low": pd.array(low, dtype="Float64"),
            "value_best": pd.array(best, dtype="Float64"),
            "value_high": pd.array(np.where(rng.random(n) < 0.2, best + 5, np.nan), "Float64"),
            "value_derived": pd.array(rng.random(n) < 0.1, dtype="boolean"),
            "admin1_pcode": pd.array(np.where(spanned, None, admin1), dtype="string[pyarrow]"),
            "admin2_pcode": pd.array([None] * n, dtype="string[pyarrow]"),
            "admin1_pcodes_spanned": pd.array(
                np.where(spanned, "SY01;SY02", None), dtype="string[pyarrow]"
            ),
            "place_precision": pd.array(
                rng.choice(["admin1", "country", "region"], n), dtype="string[pyarrow]"
            ),
            "population_group": pd.array(rng.choice(["all", "civilians"], n), "string[pyarrow]"),
            "cause": pd.array(rng.choice([None, "airstrike"], n), dtype="string[pyarrow]"),
        }
    ).astype({"claim_id": "string[pyarrow]", "source_id": "string[pyarrow]"})


def _same(patched, built) -> None:
    order = ["unit", "day", "count_kind", "cause_key"]

    def claims(series) -> dict:
        return {
            (r.unit, r.day, r.count_kind, r.cause_key): sorted(
                series.claim_ids(np.array([r.point]))
            )
            for r in series.points.itertuples(index=False)
        }

    mine = patched.points.drop(columns="point").sort_values(order).reset_index(drop=True)
    theirs = built.points.drop(columns="point").sort_values(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)
    assert claims(patched) == claims(built)
    behind = patched.behind(patched.points["point"].to_numpy())
    assert len(behind) == sum(len(v) for v in claims(patched).values())


@pytest.mark.parametrize("group_by", ["admin1", "all", "wide", "region"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_patched_over_versions_equals_built_anew(group_by: str, seed: int) -> None:
    watch = INDICATORS["killed"]
    table = synthetic(400, seed, "a").sort_values("claim_id", ignore_index=True)
    series = build(table, SOURCES, watch, group_by)
    delta = None
    rng = np.random.default_rng(seed + 100)
    for version in range(3):
        added = synthetic(60, seed * 10 + version, f"v{version}")  # later ids, mixed in
        out = table["claim_id"].isin(rng.choice(table["claim_id"], 15, replace=False))
        changed = (
            table[out]
            .head(5)
            .assign(  # the same claims, read again on other days
                date_end=lambda f: f["date_end"] + pd.Timedelta(days=1)
            )
        )
        gone = table[out]
        table = pd.concat([table[~out], added, changed], ignore_index=True)
        step = Delta(
            pd.concat([added, changed], ignore_index=True),
            frozenset(gone["claim_id"]),
            frozenset(gone["date_end"]),
        )
        delta = step if delta is None else delta.then(step)
        if version == 1:  # patched once at version 1, then again with what followed
            series, delta = patch(series, table, SOURCES, watch, group_by, None, delta), None
    series = patch(series, table, SOURCES, watch, group_by, None, delta)
    _same(series, build(table, SOURCES, watch, group_by))


def test_a_claim_added_with_a_higher_ranked_source_heads_the_point() -> None:
    watch = INDICATORS["killed"]
    base = synthetic(1, 5, "b").assign(
        source_id="news-a", admin1_pcode="SY02", outcome="killed", count_kind="new",
        cause=None, value_best=10.0, value_low=pd.NA, value_high=pd.NA, value_derived=False,
    )  # fmt: skip
    series = build(base, SOURCES, watch, "admin1")
    same_rank = base.assign(claim_id="a-0000", source_id="news-b", value_best=12.0)
    better = base.assign(claim_id="z-0000", source_id="un", value_best=9.0)
    for added, value in ((same_rank, 12.0), (better, 9.0)):
        table = pd.concat([base, added], ignore_index=True)
        patched = patch(series, table, SOURCES, watch, "admin1", None, Delta(added))
        _same(patched, build(table, SOURCES, watch, "admin1"))
        (point,) = patched.points.itertuples()
        assert (point.value, point.low, point.high) == (value, min(10.0, value), max(10, value))


def test_a_claim_added_then_moved_to_another_day_before_the_patch() -> None:
    """Added at one version and corrected onto another day at the next, before anyone asks
    for the series: only its corrected row counts."""
    watch = INDICATORS["killed"]
    table = synthetic(200, 7, "c").sort_values("claim_id", ignore_index=True)
    series = build(table, SOURCES, watch, "admin1")
    first = synthetic(1, 8, "d").assign(
        outcome="killed", admin1_pcode="SY07", admin1_pcodes_spanned=None, population_group="all",
        date_end=pd.Timestamp("2024-12-20"),
    )  # fmt: skip
    moved = first.assign(date_end=pd.Timestamp("2024-12-22"))
    delta = Delta(first).then(
        Delta(moved, frozenset(first["claim_id"]), frozenset(first["date_end"]))
    )
    table = pd.concat([table, moved], ignore_index=True)
    patched = patch(series, table, SOURCES, watch, "admin1", None, delta)
    _same(patched, build(table, SOURCES, watch, "admin1"))
    assert pd.Timestamp("2024-12-22") in set(patched.points["day"])
