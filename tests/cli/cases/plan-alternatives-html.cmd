plan -t dai-cert-ml --alternatives 3 --as-of 2026-11-28 --format html
