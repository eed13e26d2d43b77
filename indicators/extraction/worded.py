"""Claims a sentence states in words, without a number: a hospital strain level
("overwhelmed"), one person ("a technician was killed"), facilities damaged and attacks
named one by one ("Al-Razi hospital was shelled twice"), and vague displacement ("many
fled")."""

from __future__ import annotations

from indicators import catalogue
from indicators.extraction import lexicon
from indicators.extraction.claim import ExtractedClaim, Setting
from indicators.extraction.confidence import sure
from indicators.extraction.groups import group_of


def worded_claims(setting: Setting, numbered: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Strain levels and vague displacement stated in words, without a number."""
    text = setting.text
    out: list[ExtractedClaim] = []
    health = bool(lexicon.HEALTH_WORD.search(text))  # what the patterns below need at least
    harm = bool(lexicon.HARM_WORD.search(text))
    vague = lexicon.VAGUE_FLED.search(text)
    if not (health or harm or vague):
        return out  # most sentences: nothing stated in words
    common = {
        "claim_id": "",
        "value_low": None,
        "value_best": None,
        "value_high": None,
        "population_group": None,
        "subset_of": None,
        "notes": setting.place_note(),
        **setting.shared(),
    }
    if (
        health
        and lexicon.HOSPITALS_MENTIONED.search(text)
        and not lexicon.SOME_OF_THE_HOSPITALS.search(text)
        and not any(c.table == catalogue.INDICATORS["strain_level"].table for c in numbered)
    ):
        for level, pattern in lexicon.STRAIN:
            match = pattern.search(text)
            if match:
                out.append(
                    ExtractedClaim(
                        indicator="strain_level",
                        qualifier=None,
                        unit=None,
                        value_text=match.group(0),
                        status=level,
                        confidence=sure(common["notes"], None, common["place_precision"]),
                        **{**common, "count_kind": "stock"},  # a state at a date
                    )
                )
                break
    for match in lexicon.ONE_PERSON.finditer(text) if harm else ():  # "a technician was killed"
        kinds = ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12")
        verb = next(match.group(f"verb{i}") for i in kinds if match.group(f"verb{i}"))
        indicator = lexicon.ONE_PERSON_VERBS[verb.split()[-1].lower()]
        who = next(f"who{i}" for i in kinds if match.group(f"who{i}"))
        group = group_of(match.group(who))
        if indicator == "killed" and group == "health_workers":
            indicator = "health_workers_killed"
        out.append(
            ExtractedClaim(
                **{
                    **common,
                    "value_low": 1.0,
                    "value_best": 1.0,
                    "value_high": 1.0,
                    "population_group": group if catalogue.INDICATORS[indicator].by_group else None,
                    "notes": (*setting.place_note(), "one person, named without a number"),
                },
                indicator=indicator,
                qualifier="exact",
                unit="people",
                # the person as the text names them ("A nurse"): the figure, in words
                value_text=text[match.start() : match.end(who)],
                term=verb.lower(),
                status="pending",
                confidence=sure(
                    ("one person, named without a number", *setting.place_note()),
                    "exact",
                    common["place_precision"],
                ),
            )
        )
    if harm:
        out += _one_among(setting, common, numbered)
    attacked = [
        (match, lexicon.TIMES[match.group("times").split()[0].lower()])
        for match in (lexicon.ATTACKED_TIMES.finditer(text) if health else ())  # "shelled twice"
    ]
    damaged = []
    if health and not any(c.indicator == "facilities_damaged" for c in numbered):
        damaged = list(lexicon.DAMAGED_ONCE.finditer(text))  # "Al-Razi hospital was damaged"
    if health and not any(c.indicator == "attacks_on_health_care" for c in numbered):
        attacked += [(m, 1.0) for m in lexicon.ATTACKED_ONCE.finditer(text)]  # "was bombed"
        times = lexicon.TIMES_SAID.search(text)  # "Twice in October, drones struck ..."
        times_said = lexicon.TIMES[times.group("times").split()[0].lower()] if times else 1.0
        attacked += [(m, times_said) for m in lexicon.ATTACKED_BY.finditer(text)]
        if not attacked:  # "damaged by shelling": the damage was an attack
            attacked += [(m, 1.0) for m in damaged if m.group("by")]
    counted = [("facilities_damaged", "facilities", m, 1.0) for m in damaged]
    counted += [("attacks_on_health_care", "attacks", m, times) for m, times in attacked]
    for indicator, unit, match, times in counted:  # facilities and attacks named, no number
        out.append(
            ExtractedClaim(
                **{**common, "value_low": times, "value_best": times, "value_high": times},
                indicator=indicator,
                qualifier="exact",
                unit=unit,
                value_text=match.group(0),
                term=next(
                    v for k, v in match.groupdict().items() if k.startswith("verb") and v
                ).lower(),
                status="pending",
                confidence=sure(common["notes"], "exact", common["place_precision"]),
            )
        )
    if vague and not any(catalogue.INDICATORS[c.indicator].households for c in numbered):
        out.append(
            ExtractedClaim(
                indicator="displaced_new",
                qualifier="vague",
                unit="people",
                value_text=vague.group("word"),
                term=vague.group("term").lower(),
                status="pending",
                confidence=sure(common["notes"], "vague", common["place_precision"]),
                **common,
            )
        )
    return out


def _one_among(setting: Setting, common: dict, numbered: list[ExtractedClaim]):
    """'Three people were killed, including a child': one child killed, a part of the three
    (of nothing when no figure is given: "Several civilians were killed, including a
    child")."""
    text = setting.text
    found = []
    for match in lexicon.ONE_AMONG.finditer(text):
        harm = [  # the verb of harm said last before the person
            (m.end(), indicator)
            for indicator in ("killed", "injured")
            for m in _verbs_of(indicator).finditer(text, 0, match.start())
        ]
        if not harm:
            continue
        indicator = max(harm)[1]
        group = group_of(match.group("who"))
        if indicator == "killed" and group == "health_workers":  # as "including 2 doctors"
            indicator = "health_workers_killed"
        part = any(c.indicator == indicator for c in numbered)
        notes = (*setting.place_note(), "one person, named without a number")
        found.append(
            ExtractedClaim(
                **{**common, "value_low": 1.0, "value_best": 1.0, "value_high": 1.0,
                   "population_group": group if catalogue.INDICATORS[indicator].by_group
                   else None, "notes": notes,
                   "subset_of": "prev" if part else None},
                indicator=indicator,
                qualifier="exact",
                unit="people",
                value_text=match.group(0),
                term=None,
                status="pending",
                confidence=sure(notes, "exact", common["place_precision"]),
            )
        )  # fmt: skip
    return found


def _verbs_of(indicator: str):
    """The compiled words the catalogue gives an indicator's verbs ("killed", "died"...)."""
    return next(pattern for name, pattern in lexicon.VERBS if name == indicator)
