plan -t net-aas --as-of 2026-11-28 --minimize hours --format csv
