diff tests/data/caps/transfer.yaml tests/data/caps/v2/transfer.yaml --requests tests/data/caps/requests.jsonl
