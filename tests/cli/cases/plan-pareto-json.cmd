plan -t dai-cert-ml --pareto --as-of 2026-11-28 --format json
