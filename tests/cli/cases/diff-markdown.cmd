diff tests/data/diff/old tests/data/diff/new --format markdown --requests tests/data/diff/requests-worse.jsonl
