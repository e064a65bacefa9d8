batch tests/data/batch/empty.jsonl --as-of 2026-11-28
