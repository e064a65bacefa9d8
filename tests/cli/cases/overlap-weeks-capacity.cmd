plan -c tests/data/overlap/programmes.yaml -t cs-major,math-minor --minimize weeks --hours-per-week 10 --as-of 2026-11-28
