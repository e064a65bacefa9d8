plan -c tests/data/ctdl/data-certificate.jsonld -t data-certificate --as-of 2026-11-28
