plan -t dai-cert-data-analyst --wallet tests/data/badges/not-yet-valid.json --as-of 2030-12-31T23:59:59-01:00
