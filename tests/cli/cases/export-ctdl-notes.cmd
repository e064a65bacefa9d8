export ctdl -c catalogs -o /dev/null
