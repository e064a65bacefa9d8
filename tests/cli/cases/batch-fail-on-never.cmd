batch tests/data/batch/mixed.jsonl --as-of 2026-11-01 -j 2 --fail-on never
