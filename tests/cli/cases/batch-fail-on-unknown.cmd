batch tests/data/batch/infeasible.jsonl --as-of 2026-11-01 -j 1 --fail-on sometimes
