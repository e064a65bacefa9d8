plan -c tests/data/corequisites/lab.yaml -t science-cert --as-of 2027-01-04 --alternatives 3
