plan -t dai-cert-ml --pareto --format csv --as-of 2026-11-28
