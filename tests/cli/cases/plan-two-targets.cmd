plan -t pm-diploma -t pm-pgm-cert --as-of 2026-11-28
