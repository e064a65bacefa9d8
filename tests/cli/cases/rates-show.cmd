show ecu-ml -c tests/data/rates/lakeshore.yaml -c tests/data/rates/emerald-coast.yaml --rates tests/data/rates/rates.yaml
