plan -c tests/data/rates --rates tests/data/rates/rates.yaml -t ecu-ai-micro --max-cost 1500 --as-of 2026-12-07
