"""Reading a built warehouse: named analyst queries and ad-hoc SQL."""
