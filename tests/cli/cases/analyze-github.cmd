analyze -c tests/data/analyze/lint.yaml --format github --max-delay 2
