plan --profile tests/cli/fixtures/profile-renew.yaml --as-of 2026-11-28 --renew --pareto --format html
