"""impact-monitor's domain core: schemas, places, validation, storage and exports (no UI)."""

__version__ = "0.1.0"
