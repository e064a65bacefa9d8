show -c catalogs hc-coder-license
