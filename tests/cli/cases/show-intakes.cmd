show -c tests/data/intakes/cohorts.yaml ux-term --as-of 2027-01-02
