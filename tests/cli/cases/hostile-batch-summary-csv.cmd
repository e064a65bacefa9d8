batch tests/data/hostile/requests.jsonl -c tests/data/hostile/hostile.yaml --as-of 2026-01-01 --summary csv
