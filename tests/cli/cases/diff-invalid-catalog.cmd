diff tests/data/diff/old tests/cli/fixtures/broken
