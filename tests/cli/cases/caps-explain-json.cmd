explain -c tests/data/caps/transfer.yaml analytics-diploma --have partner-x --as-of 2027-01-04 --format json
