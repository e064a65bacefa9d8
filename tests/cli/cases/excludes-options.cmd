options -c tests/data/exclusions/antirequisites.yaml --have stats-fast --as-of 2027-01-04
