"""The words the catalogue's records share: what reports say when they count the dead,
the injured, people on the move, and attacks on health care, as regular expressions the
extractor reads (see ``indicators.catalogue``)."""

from __future__ import annotations

import csv
import re

from indicators.paths import reference_dir


def _country_names() -> str:
    """Every country's name and short name in the country catalogue
    (``data/reference/countries.csv``), and the forms reports use that it does not hold, as
    one alternation, longest first."""
    with (reference_dir() / "countries.csv").open(encoding="utf-8") as handle:
        names = {n for row in csv.DictReader(handle) for n in (row["name"], row["short_name"])}
    names |= {"Syria", "Turkey", "Congo", "DRC", "Gaza", "the West Bank", "Palestine", "Iran"}
    names.discard("")
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )


COUNTRY_NAMES = _country_names()
FROM_ABROAD = (
    r"(?:\s+(?:in|at)\s+[\w'-]+(?:\s+[\w'-]+)?)?\s+from\s+(?:neighbouring\s+|the\s+)?"
    rf"(?:{COUNTRY_NAMES}|abroad)\b"
)
"""'... from Sudan': where people arrived from, when it is another country."""
PEOPLE_MOVED = (
    r"\b(?:people|persons|individuals|families|households|civilians)"
    r"(?:\s+from\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?)?"  # "people from Aleppo"
    r"\s+(?:have\s+|had\s+)?arrived\b(?!" + FROM_ABROAD + r")"
)
"""Arrivals of people inside the country (never of aid trucks, never from abroad)."""
HOMES_LOST = (
    r"\b(?:from|out\s+of)\s+their\s+homes\b|\bhomeless\b(?!\s+shelters?\b)"
    r"|\b(?:lost|abandoned|vacated)\s+their\s+(?:homes|houses)\b"
    r"|\bwithout\s+(?:a\s+)?(?:shelter|homes?|a\s+roof)\b"
    r"|\bhad\s+their\s+(?:homes|houses)\s+(?:\w+\s+)?(?:destroyed|washed\s+away|swept\s+away"
    r"|burn(?:ed|t)|razed|flattened)\b"
)
"""People who lost their homes: forced or driven from them, made or left homeless, left
without shelter, had their houses destroyed (displaced, as a disaster displaces; never a
shelter for the homeless)."""
CROSSED_IN = (
    r"\bcross(?:ed|ing|ings)?\s+(?:the\s+border\s+)?(?:from\s+[\w'-]+(?:\s+[\w'-]+)?\s+)?"
    r"(?:in)?to\b|\bentered\s+(?:[\w'-]+\s+)?from\b|\barrivals?\s+(?:in|into|to)\s+[\w'-]+"
    r"(?:\s+[\w'-]+)?\s+from\b|\barrived"
    + FROM_ABROAD
    + r"|\brefugees?\s+(?:have\s+|had\s+)?arrived\b|\b(?:new\s+)?refugee\s+arrivals?\b"
    r"|\b(?:sought|seeking|applied\s+for|claimed|requested)\s+asylum\b"
    rf"|\bentered\s+(?:neighbouring\s+|the\s+)?(?:{COUNTRY_NAMES})\b"
    r"|\b(?:refugees?|people|persons)\s+arriving\s+(?:in|into|to)\s+[\w'-]+(?:\s+[\w'-]+)?\s+from\b"
    # "1,500 new arrivals were registered at the Adre border crossing"
    r"|\b(?:new\s+)?arrivals?\b(?=[^.;]{0,60}\bborder\b)"
)
"""People who crossed a border into the place the figure is for, or sought asylum there."""
WENT_ABROAD = (
    r"\b(?:fled|flee(?:ing)?|left|leaving|escaped|escaping|crossed|crossing|gone|went)\s+"
    r"(?:(?:in)?to\s+)?(?:(?:the\s+)?(?:neighbou?ring|other)\s+countries|abroad"
    r"|(?:the|their)\s+country)\b"
)
"""People who went abroad, no country named ("fled to neighbouring countries", "fled
abroad", "left the country"): they left the report's country."""
DISPLACED_NOW = (
    r"\s+(?:people|persons|families|households)\s+(?:are\s+(?:now\s+|still\s+)?"
    r"(?:in|living|staying|sheltering|hosted)|remain)\b"
)
"""'displaced people are now in Tartous': displaced people present there (a stock)."""
WENT_BACK = (
    r"\s+(?:people|persons|families|households|IDPs)\s+(?:have\s+|had\s+)?"
    r"(?:returned|went\s+back|gone\s+back|came\s+back)\b"
)
"""'7,000 displaced people returned': people who returned, once displaced."""
STILL_DISPLACED = (
    r"\bdisplaced" + DISPLACED_NOW + r"|"
    r"\b(?:in|at)\s+(?:\w+\s+){0,2}?(?:camps?|shelters?|collective\s+(?:centres?|centers?"
    r"|shelters?)|evacuation\s+(?:centres?|centers?|sites?)|displacement\s+sites?|schools?"
    r"\s+(?:used\s+as|turned\s+into)\s+shelters?)\b|\bshelter(?:ing|ed)\s+in\b"
    r"|\bstaying\s+with\s+(?:relatives|host\s+families|friends|family|host\s+communities)\b"
    r"|\btaking\s+(?:refuge|shelter)\b|\bhosted\s+(?:in|by|at)\b|\bhost(?:s|ing)?\b|\bremain(?:ed|s|ing)?\s+"
    r"displaced\b|\bstill\s+displaced\b|\bcurrently\s+displaced\b"
    # "1.2 million people are displaced": displaced now (a stock); never "are displaced by"
    # or "are displaced from" (a movement told in the present)
    r"|\b(?:are|is)\s+(?:now\s+)?(?:internally\s+)?displaced\b"
    r"(?!\s+(?:by|from|to|towards|into|every|each))"
    r"|\bare\s+(?:now\s+)?"
    r"(?:living|staying)\s+in\s+(?:\w+\s+){0,2}?(?:camps?|shelters?|tents?)\b"
)
"""Displaced people present at a date (a stock): in camps, shelters, hosted, still displaced."""
HEALTH_FACILITIES = (
    r"(?:field\s+)?hospitals?|(?:primary\s+)?health(?:[\s-]?care)?\s+"
    r"(?:facilities|facility|centres?|centers?|posts?|units?|clinics?)"
    r"|medical\s+(?:facilities|facility|centres?|centers?|points?|clinics?)|clinics?"
    r"|PHCC?s?|dispensar(?:y|ies)"
)
HEALTH_WORKERS = (
    r"health(?:[\s-]care)?\s+workers?|medical\s+(?:staff|workers?|personnel)|medics"
    r"|doctors|nurses|paramedics"
)
ON_HEALTH = (
    r"(?:on|against|affecting|impacting|impacted|targeting|targeted|hit|hitting|struck)\s+"
    r"(?:the\s+)?(?:health\w*|medical|hospitals?|ambulances?|clinics?|patients)"
)
"""What an attack on health care is on: 'on health care', 'affecting hospitals', 'on ambulances'."""
KILLED_VERBS = (
    r"\bkill(?:ed|ing|s)?\b|\bdead\b|\bdied\b|\bdeaths?\b|\btoll\b|\bdrowned\b|\bperished\b"
    r"|\blost\s+their\s+lives\b|\bfatalit(?:y|ies)\b|\blives\b|\bbodies\b"
    r"|\bcasualt(?:y|ies)\b|\bsuccumbed\b|\bmartyr(?:s|ed)?\b|\bexecuted\b(?!\s+(?:in|by|as)\b)"
    r"|\bexecutions?\s+of\b"
)
"""Deaths: killed, dead, died, drowned, claimed lives, succumbed to wounds, 'martyrs' (as
reports translated from Arabic count the dead), executed (never a plan 'executed in')."""
INJURED_VERBS = (
    # "three of the injured succumbed": the injured a death is counted among do not name it
    r"(?<!of the )\binjur(?:ed|ies|ing|y)\b|(?<!of the )\bwound(?:ed|ing|s)?\b|\bhurt\b"
)
