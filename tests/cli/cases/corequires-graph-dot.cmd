graph -c tests/data/corequisites/lab.yaml -t science-cert
