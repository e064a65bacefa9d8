plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --have math-110,math-120 --pareto --as-of 2026-11-28 --format json
