plan -c tests/data/overlap/programmes.yaml -t cs-major,data-cert --max-overlap 0 --as-of 2026-11-28
