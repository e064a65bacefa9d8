batch tests/data/batch/defaults.jsonl --as-of 2026-11-01 --minimize weeks --max-cost 5000 -j 1 --summary markdown
