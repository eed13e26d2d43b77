"""HXL hashtags: recognising a hashtag row and matching tags to a table's columns."""

from __future__ import annotations

import re

_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$", re.IGNORECASE)


def normalise_tag(tag: str) -> str:
    """A tag in canonical form: lower case, no spaces, attributes sorted (``#adm1+code``)."""
    parts = [p.strip().lower() for p in tag.strip().split("+")]
    return "+".join([parts[0], *sorted(p for p in parts[1:] if p)])


def is_hashtag_row(cells: list[object]) -> bool:
    """True when every non-empty cell is an HXL hashtag and at least one is."""
    texts = [str(c).strip() for c in cells if isinstance(c, str) and c.strip()]
    return bool(texts) and all(_TAG.match(t) for t in texts)
