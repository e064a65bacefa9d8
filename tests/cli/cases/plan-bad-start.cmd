plan -t pm-cert-agile --start 2027-13-01
