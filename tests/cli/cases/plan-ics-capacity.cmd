plan -t hc-cert-coding --hours-per-week 12 --start 2027-01-11 --as-of 2027-01-04 --format ics
