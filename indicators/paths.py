"""Where the project's shipped data lives (reference tables, default tables, seed reports)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_store_url() -> str:
    """``$DATABASE_URL`` when set, else the SQLite file ``impact-monitor.sqlite`` in the project."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return url or f"sqlite:///{PROJECT_ROOT / 'impact-monitor.sqlite'}"


def sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` address names (None for other databases or in-memory)."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :].split("?", 1)[0]
            return Path(rest) if rest and rest != ":memory:" else None
    return None


def data_dir() -> Path:
    """The data folder: ``$IMPACT_MONITOR_DATA`` if set, else ``data/`` beside the packages."""
    return Path(os.environ.get("IMPACT_MONITOR_DATA", PROJECT_ROOT / "data"))


def reference_dir() -> Path:
    """Administrative reference (OCHA p-codes, boundaries) and the alias table."""
    return data_dir() / "reference"


def default_tables_dir() -> Path:
    """The default indicator tables a new store is filled from."""
    return data_dir() / "default"


def seeds_dir() -> Path:
    """The source reports shipped with the project, never edited."""
    return PROJECT_ROOT / "seeds"
