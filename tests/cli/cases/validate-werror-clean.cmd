validate -c tests/data/diff/new --werror
