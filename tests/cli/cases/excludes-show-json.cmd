show -c tests/data/exclusions/antirequisites.yaml stats-101 --as-of 2027-01-04 --format json
