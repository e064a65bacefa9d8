options --profile tests/data/badges/profile.yaml --as-of 2026-11-28 --kind certificate --trusted-keys tests/data/badges/issuer-keys.json --status-list tests/data/badges/status-list.json
