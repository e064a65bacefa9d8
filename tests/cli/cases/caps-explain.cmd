explain -c tests/data/caps/transfer.yaml analytics-diploma --have partner-x,partner-y --as-of 2027-01-04
