validate -c catalogs --max-credentials 100
