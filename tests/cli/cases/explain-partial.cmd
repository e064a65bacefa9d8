explain dai-cert-ml --have dai-py-fund-ncc,dai-stats-intro --as-of 2026-11-28
