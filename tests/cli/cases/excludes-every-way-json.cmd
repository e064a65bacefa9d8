plan -c tests/data/exclusions/antirequisites.yaml -t math-pair --as-of 2027-01-04 --format json
