explain -c tests/data/corequisites/lab.yaml science-cert --as-of 2027-01-04 --have bio-lab
