list -c tests/data/hostile/hostile.yaml --format csv
