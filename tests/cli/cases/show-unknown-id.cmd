show dai-cert-mll hc-aas
