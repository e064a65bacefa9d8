plan -c tests/data/ctdl/bulk.zip -t analyst-certificate --as-of 2026-11-28
