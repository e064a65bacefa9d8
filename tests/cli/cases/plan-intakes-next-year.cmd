plan -c tests/data/intakes/cohorts.yaml -t summer-school --as-of 2028-09-01 --start 2028-09-01
