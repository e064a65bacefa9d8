plan --profile tests/cli/fixtures/profile-exceptions-loop.yaml --as-of 2026-11-28
