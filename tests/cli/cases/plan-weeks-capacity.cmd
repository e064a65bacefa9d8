plan -t dai-cert-ml --minimize weeks --hours-per-week 10 --as-of 2026-11-28
