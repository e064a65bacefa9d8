plan -c tests/data/intakes/cohorts.yaml -t frontend-cert --as-of 2027-01-02 --format ics
