"""Extraction: figures read from report text, each with its sentence, span, place and period."""
