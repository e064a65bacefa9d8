options --skills sql,hipaa --kind degree,diploma --as-of 2026-11-28 --format json
