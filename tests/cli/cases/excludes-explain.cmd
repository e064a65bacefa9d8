explain -c tests/data/exclusions/antirequisites.yaml quant-minor --have stats-fast --as-of 2027-01-04
