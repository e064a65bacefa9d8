list -c tests/data/hostile/hostile.yaml
