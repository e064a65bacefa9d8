validate -c catalogs/data-ai.yaml --max-rule-size 6
