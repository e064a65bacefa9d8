show -c tests/data/overlap/programmes.yaml cs-major --as-of 2026-11-28 --format json
