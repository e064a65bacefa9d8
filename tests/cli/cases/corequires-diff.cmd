diff tests/data/corequisites/lab.yaml tests/data/corequisites/v2/lab.yaml --requests tests/data/corequisites/requests.jsonl --as-of 2027-01-04
