plan --profile tests/data/pins/learner.yaml --as-of 2026-11-28
