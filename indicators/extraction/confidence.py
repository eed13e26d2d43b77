"""How sure a reading is: 1, less each doubt the claim's notes name (a place taken from an
earlier sentence or the title, a word saying what is counted that stood away from the
number, the report's day for a date...), a vague figure and a place not found."""

from __future__ import annotations

NEAR = 25  # characters: a word this close to a number is read as saying what it counts
DOUBTS = (
    ("place from an earlier sentence", 0.15),
    ("place from the title", 0.1),
    ("which no place list holds", 0.25),
    ("date: the report's day", 0.05),
    ("(derived)", 0.1),
    ("'casualties' read as killed", 0.3),
    ("some words on", 0.1),
    ("earlier in the sentence", 0.25),
    ("one person, named without a number", 0.15),
    ("as the figure before it in the list", 0.05),
)
"""What makes a reading less sure, by the words of the note that says it, and by how much."""


def sure(notes, qualifier: str | None, precision: str, how: str = "") -> float:
    """How sure a reading is: 1, less each doubt its notes name, a vague figure and a place
    not found (0.05 at the least); rounded to two places."""
    said = " ".join(notes) + " " + how
    doubt = sum(weight for words, weight in DOUBTS if words in said)
    doubt += 0.2 if qualifier == "vague" else 0.0
    doubt += 0.1 if precision == "unknown" else 0.0
    return round(max(0.05, 1.0 - doubt), 2)
