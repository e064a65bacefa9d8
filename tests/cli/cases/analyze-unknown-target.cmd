analyze -t dai-cert-mll
