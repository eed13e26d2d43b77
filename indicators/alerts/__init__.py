"""Alerts: rules staff set, series reconciled from accepted claims, evaluation and back-tests."""
