plan -t dai-cert-data-analyst --profile tests/data/wallets/clr-transcript.json --as-of 2026-11-28
