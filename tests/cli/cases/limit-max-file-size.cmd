validate -c catalogs/data-ai.yaml --max-file-size 10K
