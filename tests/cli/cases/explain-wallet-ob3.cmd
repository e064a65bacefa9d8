explain dai-cert-data-analyst --profile tests/data/wallets/ob3-sql-foundations.json --as-of 2026-11-28
