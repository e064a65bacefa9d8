batch tests/data/batch/profiles.jsonl --as-of 2026-11-28
