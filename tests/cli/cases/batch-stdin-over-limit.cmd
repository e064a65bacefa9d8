batch - -c catalogs --as-of 2026-11-01 --max-file-size 50
