plan -t dai-cert-mll
