diff tests/data/diff/old tests/data/diff/new --requests tests/data/diff/requests-ok.jsonl --format markdown
