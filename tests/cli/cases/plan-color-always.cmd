plan -t dai-cert-ml --as-of 2026-11-28 --color always --width 100
