batch -c tests/data/exclusions/antirequisites.yaml tests/data/exclusions/requests.jsonl --as-of 2027-01-04 -j 1
