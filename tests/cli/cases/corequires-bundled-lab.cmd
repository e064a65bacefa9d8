plan -t net-nta --as-of 2026-11-28
