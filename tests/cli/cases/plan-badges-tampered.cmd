plan -t dai-cert-data-analyst --wallet tests/data/badges/tampered.jwt --wallet tests/data/badges/python-essentials.jwt --as-of 2026-11-28
