batch tests/data/overlap/requests.jsonl -c tests/data/overlap/programmes.yaml --as-of 2026-11-28 -j 1 -q
