validate -c tests/cli/fixtures/broken --format github
