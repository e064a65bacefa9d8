explain hc-cert-health-info-tech --profile tests/cli/fixtures/profile-in-progress.yaml --as-of 2026-11-28 --depth 1
