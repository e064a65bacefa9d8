validate -c tests/cli/fixtures/warnings --werror --quiet
