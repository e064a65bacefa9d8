plan -c tests/data/exclusions/antirequisites.yaml -t stats-101 --have stats-fast --as-of 2027-01-04
