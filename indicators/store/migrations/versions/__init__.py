"""Migration scripts, one a schema change, oldest first."""
