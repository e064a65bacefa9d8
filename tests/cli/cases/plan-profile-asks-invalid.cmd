plan --profile tests/cli/fixtures/profile-asks-typo.yaml --as-of 2026-11-28
