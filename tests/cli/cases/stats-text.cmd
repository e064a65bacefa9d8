stats -c catalogs
