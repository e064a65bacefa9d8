plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --apply stat-200=math-minor --apply math-120=cs-major --as-of 2026-11-28
