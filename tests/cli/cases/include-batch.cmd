batch tests/data/pins/requests.jsonl --as-of 2026-11-28 -j 1 -q
