explain -c tests/data/intakes/cohorts.yaml frontend-cert --have web-basics --as-of 2027-02-01
