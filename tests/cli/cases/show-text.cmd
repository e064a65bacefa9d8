show -c catalogs dai-grad-cert
