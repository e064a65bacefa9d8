plan -c tests/data/intakes/cohorts.yaml -t frontend-cert --exclude js-selfpaced --as-of 2027-05-01 --format ics
