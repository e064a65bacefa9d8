batch-merge tests/data/batch/mixed.jsonl
