options --profile tests/cli/fixtures/profile-health.yaml --as-of 2026-11-28 --kind diploma,degree --sort weeks --format json
