batch tests/data/batch/planned.jsonl --shard 4/4
