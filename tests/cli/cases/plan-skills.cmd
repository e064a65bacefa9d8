plan --skills python,sql,statistics --as-of 2026-11-28
