"""Scoring the extractor against a hand-annotated gold file.

The gold file has one row per figure a reader takes from a report: ``report, indicator, value,
qualifier, admin1, date`` (value empty for a figure stated only in words), and optionally
``phenomenon``: the kind of sentence the row tests (number words, breakdowns...), scored apart
so a team sees which kind fails. An extracted claim matches a gold row of the same report and
indicator whose value equals the claim's stated value (its low bound, else its best value,
else its high bound); each gold row matches once. A claim that matches nothing counts against
the phenomenon of its report (the one most of the report's rows have).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators import catalogue
from indicators.errors import InputError
from indicators.extraction.extractor import ExtractedClaim
from indicators.report_ingest import claims_of
from indicators.reports import read_report

GOLD_COLUMNS = ("report", "indicator", "value", "qualifier", "admin1", "date")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 per indicator, and how often matched figures agree."""

    per_indicator: pd.DataFrame
    place_accuracy: float | None
    date_accuracy: float | None
    qualifier_accuracy: float | None
    matched: int
    per_phenomenon: pd.DataFrame | None = None
    """Per phenomenon: gold, extracted, matched, precision, recall, F1, place and date
    right; None when the gold file has no ``phenomenon`` column."""

    @property
    def overall(self) -> pd.Series:
        return self.per_indicator.loc["all"]


def evaluate(gold_file: Path, reports_dir: Path) -> Score:
    """Extract every report named in the gold file and score the result."""
    gold = _read_gold(gold_file)
    extracted: dict[str, list[ExtractedClaim]] = {}
    for name in sorted(gold["report"].unique()):
        path = reports_dir / name
        if not path.is_file():
            raise InputError(f"{gold_file.name}: report '{name}' is not in {reports_dir}")
        extracted[name] = claims_of(read_report(path))
    return score(gold, extracted)


def score(gold: pd.DataFrame, extracted: dict[str, list[ExtractedClaim]]) -> Score:
    pairs: list[tuple[pd.Series, ExtractedClaim]] = []
    unmatched_claims: list[ExtractedClaim] = []
    unmatched_from: list[str] = []  # the report of each unmatched claim
    unmatched_gold = set(gold.index)
    for name, claims in extracted.items():
        for claim in claims:
            candidates = [
                i
                for i in sorted(unmatched_gold)
                if gold.at[i, "report"] == name
                and gold.at[i, "indicator"] == claim.indicator
                and _same_value(gold.at[i, "value"], claim)
            ]
            if candidates:
                # of the gold figures it could be ("killed 1" is often said), the one of its
                # place and day: a greedy first pick scored right readings as wrong
                best = min(
                    candidates,
                    key=lambda i: (
                        not _place_right(gold.loc[i], claim),
                        not _date_right(gold.loc[i], claim),
                        i,
                    ),
                )
                unmatched_gold.discard(best)
                pairs.append((gold.loc[best], claim))
            else:
                unmatched_claims.append(claim)
                unmatched_from.append(name)
    rows = []
    indicators = sorted(set(gold["indicator"]) | {c.indicator for c in unmatched_claims})
    for indicator in [*indicators, "all"]:
        names = set(indicators) if indicator == "all" else {indicator}
        tp = sum(1 for g, _ in pairs if g["indicator"] in names)
        fp = sum(1 for c in unmatched_claims if c.indicator in names)
        fn = sum(1 for i in unmatched_gold if gold.at[i, "indicator"] in names)
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision and recall
            else (0.0 if tp + fp + fn else None)
        )
        rows.append(
            {
                "indicator": indicator,
                "gold": tp + fn,
                "extracted": tp + fp,
                "matched": tp,
                "precision": precision,
                "recall": recall,
                "f1": f1,
            }
        )
    table = pd.DataFrame(rows).set_index("indicator")
    table[["gold", "extracted", "matched"]] = table[["gold", "extracted", "matched"]].astype(int)
    return Score(
        per_indicator=table,
        place_accuracy=_share(pairs, _place_right),
        date_accuracy=_share(pairs, _date_right),
        qualifier_accuracy=_share(pairs, lambda g, c: (g["qualifier"] or None) == c.qualifier),
        matched=len(pairs),
        per_phenomenon=_per_phenomenon(gold, pairs, unmatched_from, unmatched_gold)
        if "phenomenon" in gold.columns
        else None,
    )


def _per_phenomenon(gold, pairs, unmatched_from, unmatched_gold) -> pd.DataFrame:
    """The same scores for each kind of sentence the gold file names; a claim that matches
    nothing counts against its report's phenomenon."""
    by_report = gold.groupby("report")["phenomenon"].agg(lambda p: p.mode().iloc[0]).to_dict()
    names = sorted(set(gold["phenomenon"]) - {""})
    rows = []
    for name in [*names, "all"]:
        keep = (lambda p: p != "") if name == "all" else (lambda p, n=name: p == n)
        hits = [(g, c) for g, c in pairs if keep(g["phenomenon"])]
        tp = len(hits)
        fp = sum(1 for report in unmatched_from if keep(by_report.get(report, "")))
        fn = sum(1 for i in unmatched_gold if keep(gold.at[i, "phenomenon"]))
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        rows.append(
            {
                "phenomenon": name,
                "gold": tp + fn,
                "extracted": tp + fp,
                "matched": tp,
                "precision": precision,
                "recall": recall,
                "f1": f1 if f1 is not None else (0.0 if tp + fp + fn else None),
                "place_right": _share(hits, _place_right),
                "date_right": _share(hits, _date_right),
            }
        )
    return pd.DataFrame(rows).set_index("phenomenon")


def _place_right(g: pd.Series, c: ExtractedClaim) -> bool:
    return (g["admin1"] or None) == _admin1(c)


def _date_right(g: pd.Series, c: ExtractedClaim) -> bool:
    return (g["date"] or None) == _day(c)


def _read_gold(path: Path) -> pd.DataFrame:
    try:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as err:
        raise InputError(f"{path.name}: cannot read the gold file ({err})") from err
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise InputError(f"{path.name}: the gold file lacks column {', '.join(missing)}")
    # gold files written with an earlier spelling still score; unknown names count as misses
    return gold.assign(indicator=gold["indicator"].map(catalogue.canonical))


def _same_value(gold_value: str, claim: ExtractedClaim) -> bool:
    stated = next(
        (v for v in (claim.value_low, claim.value_best, claim.value_high) if v is not None), None
    )
    if not gold_value:
        return stated is None
    return stated is not None and abs(float(gold_value) - stated) < 1e-6


def _admin1(claim: ExtractedClaim) -> str | None:
    return claim.admin1_pcode or claim.admin1_pcodes_spanned


def _day(claim: ExtractedClaim) -> str | None:
    return claim.date_end.isoformat() if claim.date_end else None


def _share(pairs, agree) -> float | None:
    return sum(1 for g, c in pairs if agree(g, c)) / len(pairs) if pairs else None
