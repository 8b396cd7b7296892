"""Release products made from a built warehouse: the published dataset and the report."""
