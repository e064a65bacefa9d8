plan -t dai-cert-ml --have dai-pyhton-basics,nope
