plan -t dai-cert-data-analyst --profile tests/data/wallets/presentation.json
