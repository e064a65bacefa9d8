explain -c tests/data/ctdl/cloud-pro.json cloud-pro --as-of 2026-11-28
