batch-merge tests/data/batch/infeasible-answers.jsonl --fail-on infeasible
