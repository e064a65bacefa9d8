diff tests/data/overlap/programmes.yaml tests/data/overlap/v2/programmes.yaml --requests tests/data/overlap/requests.jsonl
