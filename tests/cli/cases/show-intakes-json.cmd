show -c tests/data/intakes/cohorts.yaml js-cohort --as-of 2027-06-01 --format json
