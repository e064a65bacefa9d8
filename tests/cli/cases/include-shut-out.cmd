plan -c tests/data/exclusions/antirequisites.yaml -t quant-minor --include stats-fast --have stats-101 --as-of 2027-01-04
