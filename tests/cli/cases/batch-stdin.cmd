batch --as-of 2026-11-01 -j 3
