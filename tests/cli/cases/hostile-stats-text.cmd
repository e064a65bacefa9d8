stats -c tests/data/hostile/hostile.yaml
