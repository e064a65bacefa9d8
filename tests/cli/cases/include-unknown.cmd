plan -t dai-cert-ml --include dai-ml-fnd,dai-resp-ai --as-of 2026-11-28
