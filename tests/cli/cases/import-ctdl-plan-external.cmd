plan -c tests/data/ctdl/cloud-pro.json -t cloud-pro --as-of 2026-11-28
