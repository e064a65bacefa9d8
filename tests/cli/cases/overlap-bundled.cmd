plan -t pm-diploma --as-of 2026-11-28
