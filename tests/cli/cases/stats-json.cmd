stats -c catalogs --profile tests/cli/fixtures/profile-health.yaml --as-of 2026-11-28 --format json
