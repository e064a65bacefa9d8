plan -t pm-cert-agile --start 2027-02-01 --as-of 2026-11-28 --format ics
