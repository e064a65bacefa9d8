batch-merge tests/data/batch/planned.jsonl --max-file-size 1
