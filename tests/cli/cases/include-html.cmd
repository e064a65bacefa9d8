plan -t dai-cert-ml --include dai-ml-fund --as-of 2026-11-28 --format html
