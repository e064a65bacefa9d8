graph -c tests/data/caps/transfer.yaml -t analytics-diploma --format mermaid
