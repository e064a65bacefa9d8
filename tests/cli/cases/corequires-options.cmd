options -c tests/data/corequisites/lab.yaml --as-of 2027-01-04 --have chem-lab
