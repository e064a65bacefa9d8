diff tests/data/hostile/hostile.yaml tests/data/hostile/new/hostile.yaml --requests tests/data/hostile/requests.jsonl
