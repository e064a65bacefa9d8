list --max-cost 1500 --have dai-py-basics,dai-sql-basics --kind certificate --as-of 2026-11-28
