plan -c catalogs -t dai-msc --max-file-size 1x
