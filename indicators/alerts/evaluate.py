"""Evaluating rules over reconciled series, as of a day; and back-testing a draft rule.

Only accepted claims count. A window aggregates each place unit's daily points: ``latest``
takes the last day's highest point, and a place whose series has ever held a toll or a stock
is read from those alone (a week with only one town's new deaths is a gap in the toll, not a
fall); ``max`` takes the highest point; ``sum`` adds the points of *new* counts only
(cumulative and stock figures are never summed day by day, nor figures spanning several
governorates). A level is crossed *confirmed* when even the low end of the range reaches it,
*possible* when only the high end does; a headline that was derived (households x size) can
make an alert possible, never confirmed. The grids behind this are in ``grid``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import numpy as np
import pandas as pd

from indicators.alerts.grid import (
    CRITICAL,
    NAMES,
    NO_DATA,
    WARNING,
    Grid,
    grade,
    rise_bounds,
    window_grid,
)
from indicators.alerts.rules import AlertRule
from indicators.alerts.states import AlertState, recovered, simulate, unit_name
from indicators.catalogue import INDICATORS
from indicators.series import Series, build
from indicators.series_patch import Delta, patch
from indicators.vocab import CLAIM_TABLE_NAMES, STRAIN_DERIVED

__all__ = ["AlertState", "Evaluator", "recovered", "unit_name"]

BACKTEST_DERIVED_DAYS = 90
"""How far back a back-test of the derived strain level looks by default: each day is read
from the evidence as of it (a few hundredths of a second a day)."""
SINCE_LOOKBACK_DAYS = 31
"""How far back "since when" looks; a longer run reads as at least this long."""


class Evaluator:
    """Rules over one snapshot of accepted claims and sources."""

    def __init__(self, tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> None:
        self.tables = tables
        self.sources = sources
        self._series: dict[tuple, Series] = {}
        self._stale: dict[tuple, tuple[Series, Delta]] = {}
        """Series of an earlier version, with the changes they still need (see carry_over)."""
        self._grid_cache: dict[tuple, tuple[Grid, Grid | None] | None] = {}
        self._rise_cache: dict[tuple, tuple[pd.DataFrame, ...]] = {}

    @classmethod
    def from_store(cls, store) -> Evaluator:
        tables = {t: store.read(t) for t in CLAIM_TABLE_NAMES}
        return cls(tables, store.read("sources"))

    def carry_over(self, earlier: Evaluator, changes: dict[str, Delta]) -> None:
        """Take over an earlier evaluator's reconciled series: as they were where their table
        did not change; where it did, to be patched with what changed when the series is
        next asked for (a series nobody asks for costs nothing). ``changes`` maps a table
        to what changed in it."""
        # Window grids of rules whose indicator's table did not change hold as they were.
        kept_grids: set[int] = set()
        for key, grids in earlier._grid_cache.items():
            if INDICATORS[key[0]].table not in changes:
                self._grid_cache[key] = grids
                kept_grids |= {id(g) for g in grids or () if g is not None}
        for key, rises in earlier._rise_cache.items():
            if key[0] in kept_grids:  # keyed by its grid, which is kept alive by the cache
                self._rise_cache[key] = rises
        pending: dict[tuple, tuple[Series, Delta | None]] = dict(earlier._stale)
        for key, found in earlier._series.items():
            pending.setdefault(key, (found, None))
        for key, (found, delta) in pending.items():
            change = changes.get(INDICATORS[key[0]].table)
            if change is not None:
                delta = change if delta is None else delta.then(change)
            if delta is None:
                self._series.setdefault(key, found)
            else:
                self._stale.setdefault(key, (found, delta))

    def newest_day(self) -> date | None:
        days = [t["date_end"].max() for t in self.tables.values() if len(t)]
        days = [d for d in days if pd.notna(d)]
        return max(days).date() if days else None

    def series(
        self, indicator: str, group_by: str, group: str | None, country: str | None = None
    ) -> Series:
        """The reconciled series of an indicator by a grouping, for a population group and
        a country (None: every country, for groupings by p-code only)."""
        key = (indicator, group_by, group, country)
        if key not in self._series:
            watch = INDICATORS[indicator]
            table = self.tables[watch.table]
            stale = self._stale.pop(key, None)
            if stale is not None:
                found, delta = stale
                made = patch(found, table, self.sources, watch, group_by, group, delta, country)
            else:
                made = build(table, self.sources, watch, group_by, group, country=country)
            self._series[key] = made
        return self._series[key]

    # -- one rule, one day --------------------------------------------------------------------

    def evaluate(self, rule: AlertRule, as_of: date) -> list[AlertState]:
        """The state of every place unit the rule covers, as of ``as_of``."""
        if rule.indicator == STRAIN_DERIVED:  # read from each place's evidence
            from indicators.alerts.strain_states import strain_states

            return strain_states(self, rule, as_of)
        if rule.condition == "no_data":
            return self._no_data(rule, as_of)
        lookback = max(SINCE_LOOKBACK_DAYS, rule.pending_days + 1)
        graded = self._graded(rule, as_of - timedelta(days=lookback - 1), as_of)
        if graded is None:
            return []
        grid, state, sure, compared, previous = graded
        day = pd.Timestamp(as_of)
        # The as-of row of every table, and each unit's run of firing days up to it.
        codes = state.to_numpy()[-1]
        confirmed = sure.to_numpy()[-1]
        values = np.asarray(compared, dtype=float)[-1]
        rise = rule.condition == "rise"
        lows = np.full(len(codes), np.nan) if rise else grid.low.to_numpy()[-1]
        highs = np.full(len(codes), np.nan) if rise else grid.high.to_numpy()[-1]
        firing = (state.to_numpy() >= WARNING)[::-1]
        streaks = np.where(firing.all(axis=0), len(firing), np.argmin(firing, axis=0))
        out = []
        for i, unit in enumerate(state.columns):
            code = int(codes[i])
            if code == NO_DATA:
                out.append(
                    _state(
                        rule,
                        unit,
                        "no_data",
                        None,
                        None,
                        None,
                        None,
                        None,
                        as_of,
                        detail=f"no accepted claim in the last {rule.window_days} days",
                    )
                )
                continue
            streak = int(streaks[i]) if code >= WARNING else 0
            since = (day - pd.Timedelta(days=streak - 1)).date() if streak else None
            detail = f"firing for at least {streak} days" if streak >= len(firing) else ""
            if rise and previous is not None:
                before = previous.value.at[day, unit]
                detail = detail or (
                    f"{grid.value.at[day, unit]:g} against {before:g} in the "
                    f"{rule.window_days} days before"
                    if before == before
                    else "no earlier window to compare"
                )
            out.append(
                AlertState(
                    rule_id=rule.rule_id,
                    unit=unit,
                    unit_name=unit_name(unit, rule.country_code),
                    state=NAMES[code],
                    certainty=("confirmed" if confirmed[i] else "possible")
                    if code >= WARNING
                    else None,
                    value=_num(values[i]),
                    low=_num(lows[i]),
                    high=_num(highs[i]),
                    threshold={WARNING: rule.warning, CRITICAL: rule.critical}.get(code),
                    as_of=as_of,
                    since=since,
                    pending=0 < streak <= rule.pending_days,
                    claim_ids=self._claim_ids(rule, unit, as_of) if code >= WARNING else (),
                    detail=detail,
                )
            )
        return out

    def evaluate_all(self, rules: list[AlertRule], as_of: date) -> list[AlertState]:
        self.prepare(rules)
        return [s for r in rules if r.enabled for s in self.evaluate(r, as_of)]

    def prepare(self, rules: list[AlertRule]) -> None:
        """Reconcile every series the rules read, side by side on the machine's cores."""
        keys = {
            (r.indicator, r.group_by, r.population_group, r.country_code)
            for r in rules
            if r.enabled and r.indicator != STRAIN_DERIVED
        }
        keys |= {
            (r.activity_indicator, r.group_by, None, r.country_code)
            for r in rules
            if r.enabled and r.activity_indicator
        }
        missing = [k for k in keys if k not in self._series]
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda key: self.series(*key), missing))

    def _points(self, rule: AlertRule) -> pd.DataFrame:
        points = self.series(
            rule.indicator, rule.group_by, rule.population_group, rule.country_code
        ).shown
        if rule.scope_admin1 and rule.group_by == "admin1":
            points = points[points["unit"].isin(rule.scope_admin1)]
        if rule.scope_admin2 and rule.group_by == "admin2":
            points = points[points["unit"].isin(rule.scope_admin2)]
        if rule.facility and rule.group_by == "facility":
            points = points[points["unit"] == rule.facility]
        return points

    def _graded(self, rule: AlertRule, start: date, end: date):
        grids = self._grids(rule, start, end)
        if grids is None:
            return None
        grid, previous = grids
        key = (id(grid), rule.condition, rule.rise_floor)
        rises = self._rise_cache.get(key)
        state, sure, compared = grade(grid, rule, previous, rises)
        if rule.condition == "rise" and rises is None:
            self._rise_cache[key] = (compared, *rise_bounds(grid, previous, rule))
        return grid, state, sure, compared, previous

    def _grids(self, rule: AlertRule, start: date, end: date) -> tuple[Grid, Grid | None] | None:
        """Window values for the days, shared by every rule of the same shape (indicator,
        places, window): rules that differ only in their levels cost one computation."""
        key = (
            rule.indicator,
            rule.group_by,
            rule.population_group,
            rule.country_code,
            rule.scope_admin1,
            rule.scope_admin2,
            rule.facility,
            rule.window,
            rule.window_days,
            rule.condition == "rise",
            start,
            end,
        )
        if key in self._grid_cache:
            return self._grid_cache[key]
        points = self._points(rule)
        known = points[points["day"] <= pd.Timestamp(end)]
        if known.empty:
            self._grid_cache[key] = None
            return None
        first, last = pd.Timestamp(start), pd.Timestamp(end)
        grid = window_grid(known, rule, first, last)
        previous = None
        if rule.condition == "rise":
            shift = pd.Timedelta(days=rule.window_days)
            earlier = window_grid(known, rule, first - shift, last - shift)
            previous = Grid(
                **{
                    k: getattr(earlier, k).set_axis(grid.value.index)
                    for k in ("value", "low", "high", "derived")
                }
            )
        self._grid_cache[key] = (grid, previous)
        return grid, previous

    def _claim_ids(self, rule: AlertRule, unit: str, as_of: date) -> tuple[str, ...]:
        series = self.series(
            rule.indicator, rule.group_by, rule.population_group, rule.country_code
        )
        day = pd.Timestamp(as_of)
        span = rule.window_days * (2 if rule.condition == "rise" else 1)
        chosen = series.points_between(unit, day - pd.Timedelta(days=span - 1), day)
        return series.claim_ids(chosen)

    def _no_data(self, rule: AlertRule, as_of: date) -> list[AlertState]:
        points = self._points(rule)
        day = pd.Timestamp(as_of)
        last = points[points["day"] <= day].groupby("unit")["day"].max()
        units = set(rule.scope_admin1) or set(last.index)
        if rule.activity_indicator:  # places with recent activity, reported on or not
            active = self.series(
                rule.activity_indicator, rule.group_by, None, rule.country_code
            ).points
            recent = active[
                (active["day"] <= day)
                & (active["day"] > day - pd.Timedelta(days=rule.activity_days))
            ]
            units = set(recent["unit"]) & (set(rule.scope_admin1) or set(recent["unit"]))
        out = []
        for unit in sorted(units):
            seen = last.get(unit)
            days = None if seen is None else (day - seen).days
            state, threshold = "ok", None
            for level, name in ((rule.critical, "critical"), (rule.warning, "warning")):
                # never reported at all: as overdue as it gets, with no number invented
                if level is not None and (days is None or days >= level):
                    state, threshold = name, level
                    break
            detail = (
                f"last accepted claim {seen.date()} ({days} days before {as_of})"
                if seen is not None
                else "no accepted claim at all"
            )
            out.append(
                _state(
                    rule,
                    unit,
                    state,
                    "confirmed" if state != "ok" else None,
                    days,
                    None,
                    None,
                    threshold,
                    as_of,
                    since=seen.date() if seen is not None else None,
                    detail=detail,
                )
            )
        return out

    # -- back-test ----------------------------------------------------------------------------

    def blind_spots(self, rule: AlertRule) -> list[str]:
        """What the rule cannot see of the figures stored for it, as sentences to show
        before it is saved: a sum over days adds up new counts only, so tolls and stocks
        (often all a source gives) never reach it."""
        if rule.window != "sum" or rule.indicator == STRAIN_DERIVED:
            return []
        points = self._points(rule)
        unseen = points[points["count_kind"].isin(["cumulative", "stock"])]
        if unseen.empty:
            return []
        kinds = " and ".join(
            {"cumulative": "tolls (cumulative)", "stock": "stocks"}[k]
            for k in sorted(set(unseen["count_kind"]))
        )
        return [
            f"A sum over {rule.window_days} days adds up new counts only: {len(unseen):,} "
            f"figures stored for it are {kinds} and are not seen. To watch them, choose the "
            "window 'latest' (the newest toll or stock)."
        ]

    def backtest(
        self, rule: AlertRule, start: date | None = None, end: date | None = None
    ) -> list[dict[str, object]]:
        """The alerts a rule would have raised, day by day over the stored history, with the
        pending period, recovery level and cooldown applied; nothing is saved."""
        if rule.indicator == STRAIN_DERIVED:
            return self._backtest_derived(rule, start, end)
        points = self._points(rule)
        if points.empty:
            return []
        start = start or points["day"].min().date()
        # Silence is measured up to the newest claim of any kind, not the series' own last day.
        newest = self.newest_day() if rule.condition == "no_data" else None
        end = end or newest or points["day"].max().date()
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        if rule.condition == "no_data":
            daily = {d: {s.unit: s for s in self._no_data(rule, d)} for d in days}
        else:
            graded = self._graded(rule, start, end)
            if graded is None:
                return []
            _, state, sure, compared, _ = graded
            daily = {}
            for d in days:
                ts = pd.Timestamp(d)
                daily[d] = {
                    unit: (
                        NAMES[int(state.at[ts, unit])],
                        "confirmed" if sure.at[ts, unit] else "possible",
                        _num(compared.at[ts, unit]),
                    )
                    for unit in state.columns
                }
        return simulate(rule, days, daily)

    def _backtest_derived(self, rule: AlertRule, start: date | None, end: date | None):
        """The derived strain level day by day (each day read from the evidence as of it),
        over the last ``BACKTEST_DERIVED_DAYS`` days up to the newest claim by default."""
        end = end or self.newest_day()
        if end is None:
            return []
        start = start or end - timedelta(days=BACKTEST_DERIVED_DAYS - 1)
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        from indicators.alerts.strain_states import strain_states

        daily = {d: {s.unit: s for s in strain_states(self, rule, d, since=False)} for d in days}
        return simulate(rule, days, daily)


def _state(
    rule: AlertRule,
    unit: str,
    state: str,
    certainty: str | None,
    value,
    low,
    high,
    threshold,
    as_of: date,
    *,
    claims=(),
    since: date | None = None,
    detail: str = "",
) -> AlertState:
    return AlertState(
        rule_id=rule.rule_id,
        unit=unit,
        unit_name=unit_name(unit, rule.country_code),
        state=state,
        certainty=certainty,
        value=_num(value),
        low=_num(low),
        high=_num(high),
        threshold=threshold,
        as_of=as_of,
        since=since,
        claim_ids=tuple(claims or ()),
        detail=detail,
    )


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
