plan --profile tests/cli/fixtures/profile-asks.yaml --as-of 2026-11-28
