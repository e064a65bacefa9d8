plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --apply stat-20=math-minor --apply cs-101=math-minor --apply cs-210 --as-of 2026-11-28
