show -c tests/data/corequisites/lab.yaml bio-lecture --as-of 2027-01-04 --format json
