plan -c tests/data/corequisites/together.yaml -t lab-science-cert --as-of 2026-12-07 --format json
