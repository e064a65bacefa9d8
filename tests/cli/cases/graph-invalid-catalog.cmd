graph -c tests/cli/fixtures/broken
