"""SQL shipped with pantau: views (views.sql) and documented analyst queries (queries/*.sql)."""
