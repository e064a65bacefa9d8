import ctdl tests/data/ctdl/two-currencies.jsonld --rates tests/data/rates/rates.yaml
