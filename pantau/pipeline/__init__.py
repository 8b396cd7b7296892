"""The pipeline, in the order data flows:
ingest -> units -> stage (clean, meta) -> extract -> resolve -> assemble -> store; build plans and runs it.
"""
