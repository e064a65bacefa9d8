batch -c catalogs tests/data/batch/planned.jsonl --max-file-size 100
