batch tests/data/batch/planned.jsonl --as-of 2026-11-01 --summary csv
