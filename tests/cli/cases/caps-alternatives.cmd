plan -c tests/data/caps/transfer.yaml -t analytics-diploma --as-of 2027-01-04 --alternatives 3
