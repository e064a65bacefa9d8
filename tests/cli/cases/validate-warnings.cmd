validate -c tests/cli/fixtures/warnings
