diff tests/data/diff/old tests/data/diff/new
