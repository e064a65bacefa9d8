list --tag data --skill machine-learning --profile tests/cli/fixtures/profile-health.yaml --as-of 2026-11-28 --format json
