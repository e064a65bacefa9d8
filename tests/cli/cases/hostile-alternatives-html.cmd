plan -c tests/data/hostile/hostile.yaml -t h-target --as-of 2026-01-01 --alternatives 2 --format html
