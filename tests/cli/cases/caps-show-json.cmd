show -c tests/data/caps/transfer.yaml analytics-diploma --as-of 2027-01-04 --format json
