"""impact-monitor's Dash dashboard and the ``impact-monitor`` command that serves it."""
