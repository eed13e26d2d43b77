"""The words that say what a number counts, who it counts, why, and how hospitals are coping."""

from __future__ import annotations

import re

from indicators import catalogue, catalogue_words
from indicators.extraction.numbers import RISEN


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _subject(pattern: str) -> re.Pattern[str]:
    """A noun phrase right after a number, up to two words in ("26 more hospitals")."""
    return _words(rf"^\W*(?:\w+\s+){{0,2}}?(?:{pattern})\b")


# What the catalogue's records say the extractor reads, compiled once. The order is the
# catalogue's: where words overlap, the first record that matches names the indicator.
VERBS: list[tuple[str, re.Pattern[str]]] = [
    (i.name, _words(w.verbs)) for i in catalogue.INDICATORS.values() for w in i.words if w.verbs
]
"""Words near a number that say what it counts."""
SUBJECTS: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = sorted(
    (
        (i.name, _subject(w.subject), _words(w.state) if w.state else None)
        for i in catalogue.INDICATORS.values()
        for w in i.words
        if w.subject and not w.refines
    ),
    key=lambda cue: cue[2] is not None,  # a subject that needs no state first
)
"""Subjects that name what a number counts ("3 hospitals were damaged"), with the state
that must follow them (None: the subject alone)."""
COUNTED = _words("|".join(f"(?:{cue.pattern})" for _, cue, _ in SUBJECTS) or r"(?!)")
"""Any subject of the catalogue after a number: the number is a count of it."""

REFINEMENTS: list[tuple[str, str, re.Pattern[str]]] = [
    (i.name, w.refines, _words(rf"\b(?:{w.subject})\b"))
    for i in catalogue.INDICATORS.values()
    for w in i.words
    if w.refines
]
"""Narrower readings of a verb: (indicator, the indicator it narrows, its subject)."""
CASUALTIES_WORD = re.compile(r"\bcasualt(?:y|ies)\b", re.IGNORECASE)
"""'Casualties' is ambiguous (killed and injured together, or deaths alone, as the shared data
shows): it is read as killed, and the claim says so in its notes for the reviewer."""

GROUPS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for name, pattern in [
        (
            "health_workers",
            r"health(?:[\s-]care)?\s+workers?|medics?|doctors?|nurses?|paramedics?|surgeons?"
            r"|midwi(?:fe|ves)",
        ),
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
    r"(?:including|included|include|among\s+them|of\s+whom|of\s+them"
    r"|among\s+the\s+\w+\s+(?:were|are))"
    r"\s*(?:were\s+|are\s+)?$",
    re.IGNORECASE,
)

FACILITIES_COUNTED = _subject(catalogue_words.HEALTH_FACILITIES)
"""A number of health facilities ("36 hospitals")."""
MORE_OF_THEM = re.compile(
    r"^\s*(?:(?:more|others?|other\s+ones|additional)\b"
    r"|(?:are|were|have|had|remain(?:ed)?)\b(?!\s+(?:been\s+)?(?:killed|injured|wounded)))",
    re.IGNORECASE,
)
"""After a second number, the things the first counted ("and five more damaged", "Of the 36
hospitals, 22 are no longer functioning")."""
ROSE_TO = re.compile(
    rf"^\W*(?:[\w'-]+\W+){{0,4}}?(?:has\s+|had\s+)?(?:{RISEN}|up)\s+to\s*$", re.IGNORECASE
)
"""Between two numbers, a figure that changed: "a toll of 200 rose to 250", "80 on Monday,
rose to 112". The first is the earlier figure; the second the one the report gives."""
RELOCATED_BEFORE = re.compile(r"\brelocated\s+$", re.IGNORECASE)
PEOPLE_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:people|persons|individuals|residents|families|households"
    r"|villagers|civilians)\b",
    re.IGNORECASE,
)
"""'Authorities relocated 1,800 people': people made to move (never "relocated 40
patients", a hospital's)."""
RECEIVED_BEFORE = re.compile(
    r"\b(?:received|receiving|welcomed|took\s+in|admitted)\s+$", re.IGNORECASE
)
REFUGEES_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:refugees|asylum[\s-]seekers)\b", re.IGNORECASE
)
"""'Chad has received over 600,000 refugees': arrivals from abroad (a hospital receiving
the injured is not, nor a town receiving displaced people)."""
OTHER_VERB_BEFORE = re.compile(
    r"\b(?:affected|affecting|impacted|impacting|assisted|assisting|helped"
    r"|helping|supported|supporting|served|serving|vaccinated|screened|fed|feeding"
    r"|benefit(?:t?ed|t?ing))\s+$",
    re.IGNORECASE,
)
"""Right before a number, a verb no indicator counts ("affected 80,000 people and displaced
15,000", "assisted 40,000 people who fled"): the number counts those, never what a later
verb says of others."""
REACHED_BEFORE = re.compile(r"\b(?:reached|reaching)\s+$", re.IGNORECASE)
"""'Partners reached 12,000 people': people reached with aid, unless what reached the number
is a figure named earlier in the sentence ("The number of Syrians returning ... reached
15,000", "New displacement ... reached 20,000 people")."""
OF_DISEASE = re.compile(
    r"\b(?:died|deaths?|dead)\s+(?:\w+\s+){0,2}?(?:of|from)\s+(?:suspected\s+|acute\s+)?"
    r"(?:cholera|measles|malaria|dengue|diphtheria|covid(?:-19)?|meningitis|hepatitis"
    r"|(?:acute\s+)?watery\s+diarrhoea|AWD|diseases?|illness(?:es)?|infections?)\b",
    re.IGNORECASE,
)
"""Deaths from disease ("died of cholera"): a health outcome, not a casualty of the violence
or the disaster the casualties table counts (wounds and injuries are: "died of wounds")."""
NOW_AT = re.compile(
    rf"\b(?:(?:{RISEN}|reached|hit|topped|passed|surpassed|exceeded)(?:\s+to)?|(?:stands|stood"
    r"|is\s+now|now)\s+at)\s+$",
    re.IGNORECASE,
)
"""Right before a number, a figure that rose or stands at it ("has risen to", "stands at"):
the figure's name may be the sentence's subject, words away ("The death toll from ...")."""
LIST_GOES_ON = re.compile(r"^\s*(?:[\w'-]+\s*){0,3}?(?:,\s*and|,|and)\s*$", re.IGNORECASE)
"""Between two numbers, a list going on: "171 fighters, 84", "12 people in Hama, 8"."""

CUMULATIVE = re.compile(
    r"\b(?:death\s+toll|toll|in\s+total|so\s+far|to\s+date|overall"
    rf"|since\s+the\s+(?:start|beginning)|(?:number|total)\b[^.;]{{0,60}}?\b{RISEN}\s+to)\b",
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
        re.compile(
            r"\b(?:out\s+of\s+service|non-?functional|non-?operational"
            r"|(?:not|no\s+longer)\s+(?:functioning|functional|operational|working)"
            r"|stopped\s+(?:functioning|working|operating)"
            r"|ceased\s+(?:to\s+function|functioning|operations?|operating))\b",
            re.IGNORECASE,
        ),
    ),
]
SOME_OF_THE_HOSPITALS = re.compile(
    r"\b(?:(?:one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+(?:\w+)"
    r"|\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+of|(?:a\s+)?half\s+of|(?:a|one)\s+third\s+of"
    r"|(?:a|one)\s+quarter\s+of|two[\s-]thirds\s+of|three[\s-]quarters\s+of|most\s+of"
    r"|some\s+of|several\s+of|(?:\d+|\w+)\s+of\s+(?:the\s+)?(?:\w+\s+)?\d+)"
    r"\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+){0,2}?"
    r"(?:hospitals|health\s+(?:facilities|centres|centers)|medical\s+facilities|clinics)\b",
    re.IGNORECASE,
)
"""A share of the hospitals ("one in three hospitals", "8 per cent of health facilities",
"10 of 36 hospitals"): a statement about those, never a level of the place's hospitals."""
TREATED_BEFORE = re.compile(
    r"\b(?:treated|treating|admitted|admitting|received|receiving|cared\s+for)\s+$",
    re.IGNORECASE,
)
PATIENTS_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:patients|casualties|trauma\s+cases)\b",
    re.IGNORECASE,
)
TREATED_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:patients|trauma\s+cases)\s+(?:were|have\s+been|had\s+been)"
    r"\s+(?:treated|admitted|received|hospitali[sz]ed|seen)\b",
    re.IGNORECASE,
)
"""Patients a hospital treated, admitted or received ("treated more than 400 casualties",
"230 trauma patients were admitted"): its load (``patients_treated``), never deaths.
"Received 70 injured people" stays a count of the injured.
``PATIENTS_AFTER`` needs ``TREATED_BEFORE`` right before the number ("Idleb received 5,000
displaced people" is no patient)."""
ATTACKS_AFTER = re.compile(
    r"^\W*(?:[\w-]+\s+){0,2}?(?:attacks|incidents)\b(?!\s+(?:on|against|targeting)\b)",
    re.IGNORECASE,
)
"""A number of attacks, not said what on ("six attacks", "62 attacks in Sudan"): never a count
of people; attacks on health care when the sentence is about health care (``ON_HEALTH_CARE``)."""
ABOUT_HEALTH_CARE = re.compile(
    rf"\b(?i:{catalogue_words.HEALTH_FACILITIES}|health\s*care|{catalogue_words.HEALTH_WORKERS}"
    r"|ambulances?)\b|\bWHO\b|\bWorld\s+Health\s+Organi[sz]ation\b"
)
"""A sentence about health care: it names health facilities, health care or workers, or WHO
(which verifies attacks on health care)."""
COUNTED_IN_HEALTH = _words(rf"{COUNTED.pattern}|{ATTACKS_AFTER.pattern}")
"""In a sentence about health care, attacks too ("WHO verified 62 attacks in Sudan")."""
HOSPITALS_MENTIONED = re.compile(
    r"\bhospitals?\b|\bhealth\s+(?:facilities|centres?|centers?|system)\b"
    r"|\bmedical\s+facilities\b|\bclinics?\b",
    re.IGNORECASE,
)

VAGUE_FLED = re.compile(
    r"\b(?P<word>many|several|countless|large\s+numbers\s+of|numerous)\s+(?:\w+\s+){0,2}?"
    r"(?:have\s+|had\s+|were\s+)?(?:been\s+)?"
    r"(?P<term>fled|displaced|forced\s+to\s+flee|left)\b",
    re.IGNORECASE,
)

HEALTH_WORD = re.compile(
    r"hospital|clinic|health|medical|ambulance|maternity|dispensar|PHC|medics|paramedic"
    r"|nurse|doctor",
    re.IGNORECASE,
)
"""A word every health-care pattern below needs (a cheap test before the costly ones)."""
HARM_WORD = re.compile(r"kill|wound|injur|hurt|missing|died|drown|perish|dead", re.IGNORECASE)
"""A word every pattern of one person harmed needs."""
ONE_PERSON_VERBS = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "drowned": "killed",
    "perished": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "missing": "missing",
}
_PERSON = (
    r"(?:man|woman|boy|girl|child|baby|infant|toddler|teenager|civilian|person|resident"
    r"|farmer|shepherd|fisherman|technician|worker|doctor|nurse|paramedic|medic|surgeon"
    r"|journalist|reporter|photographer|teacher|student|pupil|soldier|fighter|volunteer"
    r"|driver|engineer|officer|policeman|guard|staff\s+member|mother|father|son|daughter"
    r"|refugee|migrant|pedestrian|passer-by|humanitarian|employee|contractor|labourer"
    r"|laborer|mechanic|electrician|pharmacist|midwife|dentist|imam|priest|elder|patient"
    r"|cameraman|camerawoman|colleague|companion|friend|neighbou?r|relative|cousin|nephew"
    r"|niece|uncle|aunt|grandmother|grandfather|brother|sister|wife|husband|assistant)"
)
_WHO = rf"(?:[\w-]+\s+){{0,2}}?{_PERSON}"  # "a 12-year-old boy", "a second volunteer"
_AGED = (
    r"(?:\s+(?:aged\s+\d+|of\s+\d+|in\s+(?:his|her)\s+\w+"
    r"|(?:from|with|of|for|working\s+(?:for|with))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'-]+\s+){0,3}?[\w'-]+))?"
)
"""'a man aged 60', 'a woman from Saraqeb', 'a man in his 50s', 'a volunteer with the Red
Crescent': who they were, not a count."""
ONE_PERSON = re.compile(
    rf"\b(?:a|an|another)\s+(?P<who>{_WHO}){_AGED},?\s+"
    r"(?:was|has\s+been|had\s+been|is|were)\s+(?:also\s+|reportedly\s+|later\s+)?"
    r"(?P<verb>killed|shot\s+dead|wounded|injured|hurt|reported\s+missing|missing)\b"
    rf"|\b(?:a|an|another)\s+(?P<who2>{_WHO}){_AGED}\s+(?:later\s+|also\s+)?"
    r"(?P<verb2>died|drowned|perished)\b"
    # "a paramedic was killed and another was injured": one more, of the kind just named
    r"|\b(?:and|while)\s+(?P<who5>another|a\s+second|a\s+third|one\s+other)\s+"
    r"(?:(?:was|has\s+been)\s+)?(?:also\s+)?(?P<verb5>killed|wounded|injured|hurt)\b"
    # "a woman and her two children were killed": the one named before "and", who shares
    # the verb of those after it (they are counted by their own number)
    # (a look-ahead: what follows "and" is read on its own)
    rf"|\b(?:a|an)\s+(?P<who6>{_WHO})(?=\s+and\s+(?:her|his|their|a|an|[\w-]+)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:were|have\s+been|had\s+been)\s+(?:all\s+)?"
    r"(?P<verb6>killed|wounded|injured|hurt)\b)"
    # "... and his son were killed", "and her son was injured": the relative after "and"
    rf"|\band\s+(?:his|her|their)\s+(?:[\w-]+\s+)?(?P<who7>{_PERSON}|grandson|granddaughter)"
    r"\s+(?:were|was|has\s+been|have\s+been)\s+"
    r"(?:all\s+|also\s+)?(?P<verb7>killed|wounded|injured|hurt)\b"
    # "... two women and a child were injured": the last of a list, its "were" plural
    rf"|\band\s+(?:a|an)\s+(?P<who9>{_WHO})\s+(?:were|have\s+been|had\s+been)\s+"
    r"(?:all\s+)?(?P<verb9>killed|wounded|injured|hurt)\b"
    # "Both the driver and a paramedic were killed": the first of the two
    rf"|\bboth\s+(?:the|a|an|his|her)\s+(?P<who10>{_WHO})(?=\s+and\s+(?:the|a|an|his|her)\s+"
    rf"{_WHO}\s+(?:were|have\s+been)\s+(?:all\s+)?(?P<verb10>killed|wounded|injured|hurt)\b)"
    rf"|(?<=\bboth\s)the\s+{_WHO}\s+and\s+the\s+(?P<who12>{_WHO})\s+(?:were|have\s+been)\s+"
    r"(?P<verb12>killed|wounded|injured|hurt)\b"
    rf"|\b(?:a|an|another)\s+(?P<who3>{_WHO})\s+(?:was|is)\s+among\s+"
    r"(?:those\s+|the\s+people\s+|the\s+)?(?P<verb3>killed|injured|wounded|dead|missing)\b"
    rf"|\b(?P<verb4>killed|injured|wounded)\s+(?:a|an|another)\s+(?P<who4>{_WHO})\b"
    # "a paramedic was killed and a driver (seriously) injured": the "was" said once
    rf"|(?<=\bkilled\s)and\s+(?:a|an)\s+(?P<who8>{_WHO})\s+"
    r"(?:seriously\s+|critically\s+|badly\s+|slightly\s+|lightly\s+)?"
    r"(?P<verb8>injured|wounded|hurt)\b",
    re.IGNORECASE,
)
"""One person named without a number ("a technician was killed", "another civilian died")."""
ONE_AMONG = re.compile(
    rf"\b(?:including|among\s+them|among\s+whom)\s+(?:a|an|one)\s+(?P<who>{_WHO})\b",
    re.IGNORECASE,
)
"""One person named among those a sentence counts ("were killed, including a child")."""

TIMES = {
    "twice": 2.0,
    "once": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "thrice": 3.0,
}
TIMES.update({str(n): float(n) for n in range(1, 100)})
_HEALTH_PLACE = (
    r"(?:hospital|clinic|health\s+(?:facility|centre|center|post)|medical\s+(?:facility|centre"
    r"|center|point)|ambulance|maternity)"
)
_HEALTH_PLACES = (
    r"(?:hospitals?|clinics?|health\s+(?:facilit(?:y|ies)|centres?|centers?|posts?)"
    r"|medical\s+(?:facilit(?:y|ies)|centres?|centers?|points?)|ambulances?|maternity)"
)
_FEW_WORDS = (
    r"(?:(?!(?i:near|next|close|outside|behind|opposite|beside|by|in|at|of|to|from|and|with"
    r"|was|were|is)\b)[\w'-]+\s+){0,3}?"
)
"""Up to three words naming a facility ("the main maternity"), never a place beside it ("a
house near the hospital")."""
ATTACKED_TIMES = re.compile(
    rf"\b(?:{_HEALTH_PLACES}|health(?:[\s-]care)?\s+workers|medical\s+(?:staff|teams?)"
    r"|paramedics|medics)\b[^.;]{0,50}?\b(?:(?:was|were|has\s+been|had\s+been|been)"
    r"\s+(?P<verb>attacked|shelled|struck|hit|bombed|targeted|raided)"
    r"|(?:came|come|has\s+come|have\s+come)\s+under\s+(?P<verb_under>attack|fire))\s+"
    r"(?:on\s+)?(?P<times>twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
    r"\s+(?:times|occasions))\b",
    re.IGNORECASE,
)
"""A health facility attacked more than once, counted by the times ("shelled twice": 2)."""

ATTACKED_ONCE = re.compile(
    rf"(?:\b(?i:a|an|the|one)\s+{_FEW_WORDS}|\b(?:[A-Z][\w'-]*\s+){{1,3}})"
    rf"(?i:{_HEALTH_PLACE})(?:\s+(?i:hospital|ward|unit))?\b"
    r"(?:\s+(?i:in|at|near|of|on)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})?"
    r"(?:\s+(?i:run|operated|supported|managed)\s+by\s+(?:the\s+)?[A-Z][\w'-]*"
    r"(?:\s+[A-Z][\w'-]*){0,3})?,?\s+"
    r"(?:(?i:was|has\s+been|had\s+been)\s+(?i:reportedly\s+|also\s+|again\s+|directly\s+)?"
    r"(?P<verb>(?i:attacked|shelled|struck|hit|bombed|targeted|raided|stormed|looted))\b"
    r"|(?i:came|has\s+come|had\s+come)\s+under\s+(?P<verb_under>(?i:attack|fire))\b)"
    r"(?!\s+(?i:again\s+)?(?i:twice|thrice|\w+\s+times))"
)
"""One health facility or ambulance attacked, without a number ("the maternity hospital was
bombed", "an ambulance was hit", "Al-Awda Hospital was bombed"): one attack on health care.
The words between the facility and the verb may only name a place ("the hospital in Kafr
Takharim was shelled") or who runs it ("a clinic run by MSF")."""
TIMES_SAID = re.compile(
    r"\b(?P<times>twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
    r"\s+(?:times|occasions))\b",
    re.IGNORECASE,
)
"""How many times, anywhere in the sentence ("Twice in October, drones struck ...")."""
ATTACKER = (
    r"(?:air\s*strikes?|airstrikes?|strikes?|shells?|missiles?|rockets?|drones?|bombs?"
    r"|forces|troops|soldiers|gunmen|armed\s+men|militia(?:s|men)?|fighters|attackers"
    r"|assailants)"
)
ATTACKED_BY = re.compile(
    rf"\b(?i:{ATTACKER})\s+(?i:also\s+|reportedly\s+|again\s+)?"
    r"(?P<verb_by>(?i:hit|struck|targeted|raided|stormed|shelled|bombed|attacked|looted))\s+"
    r"(?:(?i:the)\s+(?i:entrance|gate|courtyard|yard|premises|grounds|emergency\s+"
    r"(?:room|department|ward)|walls?|roof)\s+(?i:of)\s+)?"
    rf"(?:(?i:a|an|the)\s+{_FEW_WORDS}|(?:[A-Z][\w'-]*\s+){{1,3}})"
    rf"(?i:{_HEALTH_PLACE})\b(?!\s+(?i:car\s+park|road|street|area|district))"
)
"""One health facility or ambulance attacked, who or what attacked it said first ("an
airstrike hit the entrance of Al-Ahli hospital", "armed men stormed the Saudi Hospital"):
one attack on health care. The thing hit must be the facility itself ("a shell hit a house
near the hospital" is not)."""


DAMAGED_ONCE = re.compile(
    rf"(?:\b(?i:a|an|the|one)\s+{_FEW_WORDS}|\b(?:[A-Z][\w'-]*\s+){{1,3}})"
    r"(?i:hospital|clinic|dispensary|health\s+(?:facility|centre|center|post)"
    r"|medical\s+(?:facility|centre|center|point)|maternity)(?:\s+(?i:hospital|ward|unit))?\b"
    r"(?:\s+(?i:in|at|near|of|on)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})?,?\s+"
    r"(?:(?i:was|has\s+been|had\s+been)\s+"
    r"(?i:reportedly\s+|also\s+|badly\s+|severely\s+|heavily\s+|partially\s+|partly\s+)?"
    r"(?P<verb>(?i:damaged|destroyed))"
    r"|(?i:sustained|suffered)\s+(?i:(?:severe|heavy|major|minor|some|partial|extensive)\s+)?"
    r"(?P<verb_noun>(?i:damage)))\b"
    r"(?P<by>\s+(?i:by|in)\s+(?:(?i:an?|the)\s+)?(?:[\w'-]+\s+)?"
    r"(?i:shelling|shells?|air\s*strikes?|strikes?|bombing|bombardment|missiles?|rockets?"
    r"|drones?|artillery|attacks?|gunfire|explosions?)\b)?"
)
"""One health facility damaged or destroyed, without a number ("Al-Razi hospital was
damaged", "the health centre in Ariha was destroyed in the earthquake"): one facility
damaged; and, when an attack did it ("by shelling"), one attack on health care."""

STRUCK = re.compile(
    r"^\W*(?:[\w-]+\s+){1,5}?(?:hit|struck|shelled|bombed|attacked|targeted|raided|stormed)\b",
    re.IGNORECASE,
)
"""Facilities damaged by being struck: each strike is also an attack on health care."""
