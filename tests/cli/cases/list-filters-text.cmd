list --kind certificate,diploma --level 5-6 --max-fee 400 --provider college --have hc-cert-coding --as-of 2026-11-28
