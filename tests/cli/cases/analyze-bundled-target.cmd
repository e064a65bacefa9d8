analyze -t dai-cert-ml
