"""The core stays free of UI code."""

from __future__ import annotations

import subprocess
import sys


def test_the_core_imports_no_dash_or_plotly() -> None:
    code = (
        "import sys, indicators.cli, indicators.exports, indicators.store, indicators.defaults, "
        "indicators.alerts.evaluate, indicators.store.alerts, indicators.extraction.extractor, "
        "indicators.ingest, indicators.evaluation;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly', "
        "'dashboard'));"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"indicators imported: {result.stdout}"
