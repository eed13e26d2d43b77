"""Declaring a column once: its pandera field, description, HXL tag and input default."""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

from indicators.arrowops import TEXT

__all__ = ["OPTIONAL", "REQUIRED", "TEXT", "column"]

REQUIRED = "required"
"""Input files must carry the column."""
OPTIONAL = "optional"
"""Input files may leave the column out; it is then filled with its default (or left unknown)."""


def column(
    description: str,
    hxl: str,
    *,
    nullable: bool = True,
    input: str = OPTIONAL,
    default: Any = None,
    hxl_formerly: tuple[str, ...] = (),
    **checks: Any,
) -> Any:
    """A pandera ``Field`` carrying its description, HXL tag and what an input file must give.

    ``default`` fills the column when an input file leaves it out (None: left unknown, which is
    never the same as zero). ``hxl_formerly`` are tags earlier versions wrote: files
    exported then still import.
    """
    return pa.Field(
        nullable=nullable,
        description=description,
        metadata={"hxl": hxl, "hxl_formerly": hxl_formerly, "input": input, "default": default},
        **checks,
    )


ROW_RULE_IDS: dict[str, str] = {}
"""Each row rule's id by its method's name. pandera gives a rule that a model inherits its
method's name, not its id, once a model that adds rules of its own has been built (the id is
taken out of the shared check settings): validation maps the name back through this."""


def row_rule(rule_id: str) -> Any:
    """A row rule (a pandera dataframe check) reported under ``rule_id``."""

    def register(method: Any) -> Any:
        ROW_RULE_IDS[method.__name__] = rule_id
        return pa.dataframe_check(name=rule_id, ignore_na=False)(method)

    return register
