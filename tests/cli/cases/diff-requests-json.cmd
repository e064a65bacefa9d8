diff tests/data/diff/old tests/data/diff/new --format json --requests tests/data/diff/requests.jsonl
