show -c tests/data/corequisites/lab.yaml chem-lecture bio-lecture --as-of 2027-01-04
