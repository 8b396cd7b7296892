"""Prefect orchestration of the pantau build: tasks wrap `pantau.pipeline.build` steps; no extraction logic here."""
