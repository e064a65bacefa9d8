plan -c tests/data/ctdl/two-currencies.jsonld --rates tests/data/rates/rates.yaml -t cross-border-cloud-certificate --currency EUR --as-of 2026-12-07
