plan -t dai-cert-ml --as-of 2026-13-01
