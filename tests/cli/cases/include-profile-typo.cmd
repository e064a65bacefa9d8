plan --profile tests/data/pins/include-typo.yaml --as-of 2026-11-28
