options -c tests/data/intakes/cohorts.yaml --as-of 2027-01-02 --kind certificate --format json
