"""The errors impact-monitor raises, as one small tree.

    ImpactMonitorError      anything a user should see as one sentence, never a traceback
     +-- InputError         a file cannot be read as a table (missing, malformed, too big),
     |                      or an option's value is wrong (an unknown p-code, a bad date)
     +-- StoreError         the store cannot be opened, migrated or written

A table that breaks rules is not an error but a ``ValidationReport``
(``indicators.validation``): every failure is listed, not only the first.
"""

from __future__ import annotations


class ImpactMonitorError(Exception):
    """Base of every error meant for a user: its message says what is wrong and where."""


class InputError(ImpactMonitorError):
    """A file could not be read as a table, or an option's value is wrong."""


class StoreError(ImpactMonitorError):
    """The store could not be opened, migrated or written."""
