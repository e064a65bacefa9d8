plan -c tests/data/exclusions/antirequisites.yaml -t quant-minor --as-of 2027-01-04 --alternatives 4
