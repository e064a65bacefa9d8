batch-merge tests/data/batch/infeasible-answers.jsonl
