options --have dai-py-basics,dai-sql-basics --as-of 2026-11-28 --kind certificate --max-cost 2000
