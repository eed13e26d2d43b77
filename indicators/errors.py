"""The errors impact-monitor raises, as one small tree.

    ImpactMonitorError          anything a user should see as a sentence, never a traceback
     +-- InputError             a file cannot be read as a table (malformed, wrong type, too big)
     +-- ValidationFailed       a table was read but breaks rules; carries the full report
     +-- PlaceError             a place name or p-code cannot be matched
     +-- StoreError             the store cannot be opened, migrated or written
          +-- ConflictError     a write would duplicate or orphan rows already stored
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indicators.validation import ValidationReport


class ImpactMonitorError(Exception):
    """Base of every error meant for a user: its message says what is wrong and where."""


class InputError(ImpactMonitorError):
    """A file could not be read as a table."""


class ValidationFailed(ImpactMonitorError):
    """A table breaks one or more blocking rules; ``report`` lists every failure."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.summary())


class PlaceError(ImpactMonitorError):
    """A place could not be matched to the reference."""


class StoreError(ImpactMonitorError):
    """The store could not be opened, migrated or written."""


class ConflictError(StoreError):
    """A write would duplicate rows already stored, or point at rows that do not exist."""
