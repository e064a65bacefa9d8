validate -c tests/cli/fixtures/broken --quiet
