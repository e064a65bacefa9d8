options --skills python,sql,machine-learning,statistics --kind certificate --as-of 2026-11-28
