graph -c tests/data/hostile/hostile.yaml -t h-target
