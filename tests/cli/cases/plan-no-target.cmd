plan --as-of 2026-11-28
