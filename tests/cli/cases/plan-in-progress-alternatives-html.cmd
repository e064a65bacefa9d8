plan --profile tests/cli/fixtures/profile-in-progress.yaml --as-of 2026-11-28 --alternatives 2 --format html
