plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --max-overlap 1.5 --as-of 2026-11-28
