batch tests/data/batch/no-such-file.jsonl
