"""Stable download addresses, for people and for other tools (Excel, R, HDX):

- ``/api/v1/tables/<table>.<csv|hxl.csv|xlsx|json>?admin1=SY02,SY07&from=YYYY-MM-DD&to=...``
  accepted claims of one table (sources: the register), filtered like ``impact-monitor export``;
  the same address plus ``.attribution.txt`` answers what to cite for those rows (the licence
  and attribution of their sources; a CSV's ``Link`` header points there), plus ``.zip``
  the file and that text packed together;
- ``/api/v1/tables/strain_evidence.<format>?as_of=YYYY-MM-DD&country=SYR&admin_level=admin1``:
  each place's hospital strain evidence as of a day, with the claims behind every cell;
- ``/api/v1/alerts.json?as_of=YYYY-MM-DD``: the alerts open as of a day, with their claims;
- ``/api/v1/status.json``: the store version this worker's read model stands at.

A wrong table, format, place or date answers 400 with one sentence saying which.
"""

from __future__ import annotations

import json
import os
from datetime import date

from flask import Flask, Response, request

from dashboard import auth, state
from indicators import formats, strain_table
from indicators.attribution import BUNDLE_SUFFIX, COMPANION_SUFFIX, bundle, companion_text
from indicators.errors import InputError
from indicators.exports import collect, file_name, parse_filter
from indicators.limits import outside_days
from indicators.schemas import check_table_name


def table_address(
    table: str, fmt: str, admin1=(), date_from=None, date_to=None, country=None, extra: str = ""
) -> str:
    """The stable address of a table download with filters; ``extra`` (``.attribution.txt``,
    ``.zip``) asks for its companion text or the file packed with it."""
    from urllib.parse import urlencode

    params = {
        "country": country or "",
        "admin1": ",".join(admin1 or ()),
        "from": str(date_from or "")[:10],
        "to": str(date_to or "")[:10],
    }
    kept = {k: v for k, v in params.items() if v}
    suffix = "?" + urlencode(kept, safe=",") if kept else ""
    return f"/api/v1/tables/{table}{formats.get(fmt).suffix}{extra}{suffix}"


def _address_of(table: str, fmt: str, filters, extra: str = "") -> str:
    return table_address(
        table, fmt, filters.admin1, filters.date_from, filters.date_to, filters.country, extra
    )


def split_extra(name: str) -> tuple[str, str]:
    """'casualties.csv.zip' -> ('casualties.csv', '.zip'); no extra: (name, '')."""
    for extra in (COMPANION_SUFFIX, BUNDLE_SUFFIX):
        if name.endswith(extra):
            return name[: -len(extra)], extra
    return name, ""


def split_name(name: str) -> tuple[str, str]:
    """'casualties.hxl.csv' -> ('casualties', 'hxl'); raise InputError when unknown."""
    table, fmt = formats.split_suffix(name)
    check_table_name(table)
    return table, fmt.name


def _bad(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")


def _attachment(body, media_type: str, name: str, **headers: str) -> Response:
    return Response(
        body,
        content_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            **headers,
        },
    )


def _send(export, chosen, extra: str, companion: str) -> Response:
    """An export in the chosen format, or its attribution text, or both packed together;
    a file points at its attribution text in its Link header."""
    name = file_name(export, chosen.suffix)
    sources = table_address("sources", "csv")
    if extra == COMPANION_SUFFIX:
        return _attachment(
            companion_text(export, name, sources), "text/plain; charset=utf-8", name + extra
        )
    body = chosen.write(export)
    if extra == BUNDLE_SUFFIX:
        text = companion_text(export, name, sources)
        return _attachment(bundle(name, body, text), "application/zip", name + extra)
    return _attachment(
        body, chosen.media_type, name, Link=f'<{companion}>; rel="describedby"; type="text/plain"'
    )


def evidence_address(
    fmt: str,
    as_of: date,
    country: str,
    admin_level: str,
    extra: str = "",
    *,
    admin1: tuple[str, ...] = (),
    admin2: tuple[str, ...] = (),
) -> str:
    """The stable address of the hospital strain evidence of a day, country and level (of
    the chosen governorates or districts, when some are)."""
    from urllib.parse import urlencode

    asked = {"as_of": as_of.isoformat(), "country": country, "admin_level": admin_level}
    asked |= {k: ",".join(v) for k, v in (("admin1", admin1), ("admin2", admin2)) if v}
    query = urlencode(asked, safe=",")
    return f"/api/v1/tables/{strain_table.NAME}{formats.get(fmt).suffix}{extra}?{query}"


def _as_of_asked() -> date | Response:
    """The day the request asks for (``as_of``; the current day when none), or the 400
    answer saying why it cannot be read."""
    text = request.args.get("as_of")
    try:
        as_of = date.fromisoformat(text) if text else state.default_as_of()
    except ValueError:
        return _bad(f"as_of '{text}' is not a date in the form YYYY-MM-DD")
    if wrong := outside_days(as_of, "as_of"):
        return _bad(wrong)
    return as_of


def _country_asked() -> str | Response:
    """The country the request asks for (``country``; the deployment's default when none),
    or the 400 answer naming the countries that have a place list."""
    from indicators.places import gazetteer

    folders = gazetteer().folders
    country = (request.args.get("country") or gazetteer().default_country).strip().upper()
    if country not in folders:
        known = ", ".join(sorted(folders)[:8])
        return _bad(f"country '{country}' has no place list here (e.g. {known})")
    return country


def _evidence_download(chosen, extra: str) -> Response:
    """/api/v1/tables/strain_evidence.<format>?as_of=&country=&admin_level=&admin1=&admin2=:
    each place's hospital strain evidence as of a day (the newest day with figures when none
    is given), of the chosen governorates (admin1) or districts (admin2) when given."""
    from indicators.places import gazetteer
    from indicators.strain_evidence import LEVELS

    as_of = _as_of_asked()
    if isinstance(as_of, Response):
        return as_of
    country = _country_asked()
    if isinstance(country, Response):
        return country
    level = request.args.get("admin_level") or "admin1"
    if level not in LEVELS:
        return _bad(f"admin_level '{level}' is not one of {', '.join(LEVELS)}")
    g = gazetteer()
    within = {}
    for key, known in (("admin1", g.admin1_of(country)), ("admin2", g.admin2_of(country))):
        codes = tuple(c.strip().upper() for v in request.args.getlist(key) for c in v.split(","))
        codes = tuple(c for c in codes if c)
        if unknown := [c for c in codes if c not in known]:
            return _bad(f"{key} '{unknown[0]}' is not a place of {country} at that level")
        within[key] = codes
    if within["admin2"] and level == "admin1":
        return _bad("admin2 chooses districts: ask for admin_level=admin2")
    export = state.strain_evidence_export(as_of, country, level, **within)
    companion = evidence_address(chosen.name, as_of, country, level, COMPANION_SUFFIX, **within)
    return _send(export, chosen, extra, companion)


def register(server: Flask) -> None:
    @server.get("/api/v1/tables/<name>")
    def table_download(name: str) -> Response:
        try:
            name, extra = split_extra(name)
            if formats.split_suffix(name)[0] == strain_table.NAME:
                return _evidence_download(formats.split_suffix(name)[1], extra)
            table, fmt = split_name(name)
            admin1 = [a for value in request.args.getlist("admin1") for a in value.split(",")]
            filters = parse_filter(
                admin1,
                request.args.get("from"),
                request.args.get("to"),
                country=request.args.get("country") or None,
            )
        except InputError as err:
            return _bad(str(err).replace("--from", "from").replace("--to", "to"))
        export = collect(state.store(), table, filters)
        companion = _address_of(table, fmt, filters, COMPANION_SUFFIX)
        return _send(export, formats.get(fmt), extra, companion)

    @server.get("/api/v1/audit.csv")
    def audit_download() -> Response:
        """The audit log as CSV, filtered as on the Audit page; admins only."""
        from indicators import audit_log

        who = auth.current()
        if who is None or not who.may("admin"):
            return Response("Only an admin may download the audit log.\n", status=403,
                            mimetype="text/plain")  # fmt: skip
        try:
            day = request.args.get("day")
            chosen = date.fromisoformat(day) if day else None
        except ValueError:
            return _bad(f"day '{request.args.get('day')}' is not a date (YYYY-MM-DD)")
        found = audit_log.entries(
            state.store(), request.args.get("actor"), request.args.get("table"), chosen
        )
        return Response(
            found.to_csv(index=False),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="audit-log.csv"',
                     "Cache-Control": "no-store"},
        )  # fmt: skip

    @server.get("/api/v1/maps/strain.svg")
    def strain_map_picture() -> Response:
        """The Hospitals map of a day and country as an SVG picture: fetched by the page
        after its text, so a slow connection shows the evidence table first."""
        from dashboard.strain_map import svg

        as_of = _as_of_asked()
        if isinstance(as_of, Response):
            return as_of
        country = _country_asked()
        if isinstance(country, Response):
            return country
        drawn = svg(state.strain_evidence(as_of, country, "admin1"), country)
        if drawn is None:
            return Response(f"No boundaries for {country}.\n", status=404, mimetype="text/plain")
        return Response(drawn, mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})

    @server.get("/api/v1/status.json")
    def status_json() -> Response:
        return Response(
            json.dumps(status_payload()),
            mimetype="application/json",
            headers={"Cache-Control": "no-store"},
        )

    @server.get("/api/v1/alerts.json")
    def alerts_json() -> Response:
        as_of = _as_of_asked()
        if isinstance(as_of, Response):
            return as_of
        return Response(
            json.dumps(alerts_payload(as_of), ensure_ascii=False, indent=1),
            mimetype="application/json",
            headers={"Cache-Control": "no-store"},
        )


def status_payload() -> dict:
    """What this worker serves: the store's version its read model stands at, how the model
    got there, and how many accepted claims it holds."""
    current = state.model()
    return {
        "version": current.version,
        "made_by": current.made_by,
        "full_reads": state.full_reads(),
        "accepted_claims": {table: len(frame) for table, frame in current.tables.items()},
        "sources": len(current.sources),
        "rules": len(current.rules),
        "worker": os.getpid(),
    }


def alerts_payload(as_of: date) -> dict:
    """Open alerts as of a day, most severe first, with their rule and claims: the stored
    alerts on the current day, the rules' verdicts on an earlier one."""
    from indicators.alerts import wording
    from indicators.alerts.evaluate import unit_name

    states = state.alert_states(as_of)
    current, live = state.current_alerts(as_of)
    names = state.model().rule_names()
    records = []
    if not current.empty:
        current = current.assign(
            rule_name=current["rule_id"].map(names), place=current["unit"].map(unit_name)
        )
        rules = state.model().rules_by_id
        current = current.assign(
            sentence=[
                wording.of_alert(
                    rules.get(r.rule_id),
                    r,
                    r.place,
                    rule_name=r.rule_name if r.rule_id not in rules else None,
                )
                for r in current.itertuples(index=False)
            ]
        )
        records = json.loads(current.to_json(orient="records", date_format="iso"))
    newest = state.model().evaluator.newest_day()
    return {
        "as_of": as_of.isoformat(),
        "newest_claim": newest.isoformat() if newest else None,
        "generated_by": "impact-monitor",
        "stored": live,
        "about": "the stored alerts, with their lifecycle"
        if live
        else "the rules' verdicts as of that day, evaluated for this answer (nothing stored)",
        "alerts": records,
        "no_data": [
            {"rule_id": s.rule_id, "place": s.unit_name, "detail": s.detail}
            for s in states
            if s.state == "no_data"
        ],
        "note": "Figures are claims as their sources stated them. Each alert's 'sentence' is "
        "the wording every page and the command line use.",
        "certainty": wording.CERTAINTY,
    }


__all__ = ["alerts_payload", "register", "split_name", "table_address"]
