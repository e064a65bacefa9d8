batch tests/data/batch/mixed.jsonl --as-of 2026-11-01 -j 1 --shard 1/3 --summary markdown
