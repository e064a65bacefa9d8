analyze -c tests/data/analyze/lint.yaml --max-delay 2 --max-complexity 5
