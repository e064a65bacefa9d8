explain -c tests/data/corequisites/lab.yaml chem-lecture --as-of 2027-01-04 --format json
