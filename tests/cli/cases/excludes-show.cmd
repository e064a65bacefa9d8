show -c tests/data/exclusions/antirequisites.yaml stats-101 stats-fast --as-of 2027-01-04
