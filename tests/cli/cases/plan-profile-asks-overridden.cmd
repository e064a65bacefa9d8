plan --profile tests/cli/fixtures/profile-asks.yaml --as-of 2026-11-28 -t hc-health-sql,hc-coding-icd --minimize cost --max-cost 2000
