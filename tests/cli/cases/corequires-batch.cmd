batch -c tests/data/corequisites/lab.yaml tests/data/corequisites/requests.jsonl --as-of 2027-01-04 -j 1 -q
