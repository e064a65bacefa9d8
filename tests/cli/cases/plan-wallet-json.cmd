plan -t dai-cert-data-analyst --profile tests/data/wallets/ob3-wallet.json --as-of 2026-11-28 --format json
