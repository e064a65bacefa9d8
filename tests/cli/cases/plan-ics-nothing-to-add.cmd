plan -t dai-cert-ml --have dai-cert-ml --as-of 2026-11-28 --format ics
