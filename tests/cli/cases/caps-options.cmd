options -c tests/data/caps/transfer.yaml --as-of 2027-01-04
