plan -t dai-cert-data-analyst --profile tests/data/wallets/presentation.json --as-of 2026-11-28
