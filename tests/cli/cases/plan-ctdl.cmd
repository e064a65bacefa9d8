plan -c tests/data/ctdl/pathway.jsonld -t web-developer-certificate --as-of 2026-11-28 --format ctdl
