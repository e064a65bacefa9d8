plan --profile tests/cli/fixtures/profile-in-progress.yaml --as-of 2026-11-28 --minimize weeks --start 2027-01-04
