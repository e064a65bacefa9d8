analyze -c tests/data/corequisites/together.yaml
