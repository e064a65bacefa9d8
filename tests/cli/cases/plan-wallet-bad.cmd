plan -t dai-cert-data-analyst --profile tests/data/wallets/bad-syntax.json
