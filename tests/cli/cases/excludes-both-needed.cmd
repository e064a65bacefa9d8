plan -c tests/data/exclusions/antirequisites.yaml -t stats-bridge --as-of 2027-01-04
