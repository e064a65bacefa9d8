list -c tests/data/exclusions/antirequisites.yaml --ids --kind course
