show -c catalogs dai-cert-ml,hc-hipaa-basics --profile tests/cli/fixtures/profile-health.yaml --as-of 2026-11-28 --format json
