plan -c tests/data/exclusions/antirequisites.yaml -t quant-minor --have stats-fast --as-of 2027-01-04 --format json
