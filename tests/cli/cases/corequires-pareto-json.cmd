plan -c tests/data/corequisites/lab.yaml -t science-cert --as-of 2027-01-04 --pareto --format json
