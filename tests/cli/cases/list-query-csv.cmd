list python --kind microcredential,badge --format csv
