validate -c tests/cli/fixtures/warnings --werror --format json
