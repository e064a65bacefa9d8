plan -t hc-aas --pareto --as-of 2026-11-28 --format html
