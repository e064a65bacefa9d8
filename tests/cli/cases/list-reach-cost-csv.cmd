list --max-cost 1500 --kind certificate --as-of 2026-11-28 --format csv
