validate -c tests/data/tree
