plan -c tests/cli/fixtures/broken -t good-a
