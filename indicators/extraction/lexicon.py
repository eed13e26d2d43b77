"""The words that say what a number counts, who it counts, why, and how hospitals are coping."""

from __future__ import annotations

import re

INDICATOR_TABLE = {
    "killed": "casualties",
    "injured": "casualties",
    "missing": "casualties",
    "displaced": "displacement",
    "returned": "displacement",
    "evacuated": "displacement",
    "health_attacks": "hospital_strain",
    "health_facilities_damaged": "hospital_strain",
    "health_facilities_out_of_service": "hospital_strain",
    "health_workers_killed": "hospital_strain",
    "hospital_strain": "hospital_strain",
}
INDICATORS = tuple(INDICATOR_TABLE)

# Order matters where words overlap: the first pattern that matches names the indicator.
TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("injured", r"\binjur(?:ed|ies|ing|y)\b|\bwound(?:ed|ing|s)?\b|\bhurt\b"),
        ("missing", r"\bmissing\b|\bunaccounted\s+for\b"),
        (
            "killed",
            r"\bkill(?:ed|ing|s)?\b|\bdead\b|\bdied\b|\bdeaths?\b|\btoll\b"
            r"|\blost\s+their\s+lives\b|\bfatalit(?:y|ies)\b|\blives\b|\bbodies\b"
            r"|\bcasualt(?:y|ies)\b",
        ),
        ("returned", r"\breturn(?:ed|ing|ees?|s)?\b|\bwent\s+back\b"),
        ("evacuated", r"\bevacuat(?:ed|ion|ing|es?)\b"),
        (
            "displaced",
            r"\bdisplac(?:ed|ement|ing)\b|\bfled\b|\bflee(?:ing)?\b|\bflight\b"
            r"|\buprooted\b|\bIDPs?\b|\bleft\s+their\s+homes\b|\bnewly\s+arrived\b",
        ),
    ]
]
CASUALTIES_WORD = re.compile(r"\bcasualt(?:y|ies)\b", re.IGNORECASE)
"""'Casualties' is ambiguous (killed and injured together, or deaths alone, as the shared data
shows): it is read as killed, and the claim says so in its notes for the reviewer."""

FACILITY = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:hospitals?|health\s+(?:facilities|facility|centres?|centers?)"
    r"|medical\s+(?:facilities|facility|centres?|centers?|points?)|clinics?)\b",
    re.IGNORECASE,
)
FACILITY_STATE = [
    (
        "health_facilities_out_of_service",
        re.compile(
            r"out\s+of\s+service|non-?functional|not\s+functioning|no\s+longer\s+functioning"
            r"|stopped\s+working|closed|shut(?:\s+down)?|suspended",
            re.IGNORECASE,
        ),
    ),
    (
        "health_facilities_damaged",
        re.compile(r"damaged|destroyed|hit|struck|shelled|bombed", re.IGNORECASE),
    ),
    ("health_attacks", re.compile(r"attacked|targeted", re.IGNORECASE)),
]
HEALTH_ATTACKS = re.compile(
    r"^\W*(?:\w+\s+){0,1}?(?:attacks?|incidents?)\s+(?:on|against)\s+(?:health|medical|hospitals)",
    re.IGNORECASE,
)
HEALTH_WORKERS = re.compile(
    r"\b(?:health(?:[\s-]care)?\s+workers?|medical\s+(?:staff|workers?|personnel)|medics"
    r"|doctors|nurses|paramedics)\b",
    re.IGNORECASE,
)

GROUPS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in [
        ("health_workers", r"health(?:[\s-]care)?\s+workers?|medics|doctors|nurses|paramedics"),
        ("aid_workers", r"aid\s+workers?|humanitarian\s+workers?|relief\s+workers?"),
        ("children", r"children|child|kids|minors|boys|girls"),
        ("women", r"women|woman"),
        ("civilians", r"civilians?|residents|citizens|non-combatants"),
        (
            "fighters",
            r"(?:insurgent\s+|rebel\s+|opposition\s+)?fighters|insurgents|militants"
            r"|rebels|combatants|gunmen|jihadists",
        ),
        (
            "soldiers",
            r"soldiers|troops|servicemen|government\s+forces|pro-government"
            r"|regime\s+forces|army\s+personnel|officers",
        ),
    ]
]

CAUSES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("airstrike", r"\bair\s*strikes?\b|\bairstrikes?\b|\bair\s+raids?\b|\bbombing\b"),
        ("shelling", r"\bshelling\b|\bartillery\b|\bshells?\b|\brockets?\b"),
        ("landmine", r"\blandmines?\b|\bmines?\b|\bunexploded\b"),
        ("explosive_device", r"\bexplosive\s+devices?\b|\bIEDs?\b|\bcar\s+bomb\b"),
        ("clashes", r"\bclashes\b|\bfighting\b|\bgunfire\b|\bcombat\b"),
    ]
]

UNIT = re.compile(r"^\s*(?:\w+\s+){0,1}?(families|households)\b", re.IGNORECASE)

SUBSET = re.compile(
    r"(?:including|among\s+them|of\s+whom|of\s+them|among\s+the\s+\w+\s+(?:were|are))"
    r"\s*(?:were\s+|are\s+)?$",
    re.IGNORECASE,
)

LIST_GOES_ON = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:and|,)\s*$", re.IGNORECASE)

CUMULATIVE = re.compile(
    r"\b(?:death\s+toll|toll|in\s+total|so\s+far|to\s+date|overall"
    r"|since\s+the\s+(?:start|beginning))\b",
    re.IGNORECASE,
)

STRAIN = [
    (
        "overwhelmed",
        re.compile(
            r"\boverwhelmed\b|\bcollaps(?:e|ed|ing)\b|\bbeyond\s+capacity\b"
            r"|\bover\s+capacity\b",
            re.IGNORECASE,
        ),
    ),
    (
        "strained",
        re.compile(
            r"\bstruggling\s+to\s+(?:cope|manage|keep\s+up)\b|\bstretched\b"
            r"|\bat\s+(?:full\s+)?capacity\b|\bovercrowded\b|\bunder\s+(?:severe\s+)?"
            r"(?:strain|pressure)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "not_functioning",
        re.compile(r"\b(?:out\s+of\s+service|not\s+functioning|non-?functional)\b", re.IGNORECASE),
    ),
]
HOSPITALS_MENTIONED = re.compile(
    r"\bhospitals?\b|\bhealth\s+(?:facilities|centres?|centers?|system)\b"
    r"|\bmedical\s+facilities\b|\bclinics?\b",
    re.IGNORECASE,
)

VAGUE_FLED = re.compile(
    r"\b(?P<word>many|several|countless|large\s+numbers\s+of|numerous)\s+(?:\w+\s+){0,2}?"
    r"(?:have\s+|had\s+|were\s+)?(?:fled|been\s+displaced|displaced|forced\s+to\s+flee|left)\b",
    re.IGNORECASE,
)
