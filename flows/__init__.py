"""Prefect orchestration of the pantau build: tasks wrap `pantau.build` steps; no extraction logic here."""
