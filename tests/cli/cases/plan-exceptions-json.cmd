plan --profile tests/cli/fixtures/profile-exceptions.yaml --as-of 2026-11-28 --format json
