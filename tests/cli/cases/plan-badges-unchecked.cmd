plan --profile tests/data/badges/profile.yaml --as-of 2026-11-28
