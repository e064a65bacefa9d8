show -c tests/data/overlap/programmes.yaml math-minor --as-of 2026-11-28
