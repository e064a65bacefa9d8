explain -c tests/data/overlap/programmes.yaml cs-major --have math-120 --as-of 2026-11-28
