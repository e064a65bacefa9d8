analyze -c tests/data/analyze/example.yaml
