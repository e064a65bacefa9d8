plan -c tests/data/rates/lakeshore.yaml -c tests/data/rates/emerald-coast.yaml -t lcc-data-cert --as-of 2026-12-07
