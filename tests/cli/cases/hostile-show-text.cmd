show -c tests/data/hostile/hostile.yaml h-formula h-markup h-link h-ansi h-target
