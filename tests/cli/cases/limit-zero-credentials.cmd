plan -c catalogs -t dai-msc --max-credentials 0
