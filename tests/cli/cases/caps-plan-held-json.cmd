plan -c tests/data/caps/transfer.yaml -t analytics-diploma --have partner-x,partner-y --as-of 2027-01-04 --format json
