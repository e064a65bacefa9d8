plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --format csv --as-of 2026-11-28
