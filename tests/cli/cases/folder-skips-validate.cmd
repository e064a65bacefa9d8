validate -c tests/cli/fixtures/folder-with-profile
