plan -c tests/data/rates/lakeshore.yaml -c tests/data/rates/emerald-coast.yaml --rates tests/data/rates/rates.yaml -t lcc-data-cert --currency eur --as-of 2026-12-07
