options --as-of 2026-11-28 --kind diplomas
