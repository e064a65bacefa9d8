plan --profile tests/cli/fixtures/profile-exceptions-bad.yaml --as-of 2026-11-28
