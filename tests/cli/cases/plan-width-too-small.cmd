plan -t dai-cert-ml --as-of 2026-12-07 --width 10
