analyze -c tests/data/corequisites/lab.yaml
