analyze -c tests/data/analyze/lint.yaml --format markdown
