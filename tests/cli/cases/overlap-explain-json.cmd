explain -c tests/data/overlap/programmes.yaml cs-major math-minor --have math-110,math-120,stat-200 --as-of 2026-11-28 --format json
