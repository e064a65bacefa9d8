validate -c tests/cli/fixtures/warnings --format github --werror
