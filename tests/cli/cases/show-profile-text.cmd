show -c catalogs hc-hipaa-basics hc-ehr-fund hc-aas --profile tests/cli/fixtures/profile-health.yaml --as-of 2026-11-28
