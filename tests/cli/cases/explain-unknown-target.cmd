explain dai-cert-ml hc-aas-x --as-of 2026-11-28
