diff tests/data/exclusions/antirequisites.yaml tests/data/exclusions/v2/antirequisites.yaml --requests tests/data/exclusions/requests.jsonl
