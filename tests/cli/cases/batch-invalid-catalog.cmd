batch tests/data/batch/planned.jsonl -c tests/cli/fixtures/broken
