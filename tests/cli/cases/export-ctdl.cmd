export ctdl -c tests/data/caps/transfer.yaml
