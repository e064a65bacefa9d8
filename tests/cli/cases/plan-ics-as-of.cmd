plan -t pm-cert-agile --as-of 2026-11-28 --format ics
