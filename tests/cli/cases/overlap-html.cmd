plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --as-of 2026-11-28 --format html
