validate -c tests/cli/fixtures/no-such-dir
