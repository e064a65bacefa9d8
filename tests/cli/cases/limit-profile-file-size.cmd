plan -c tests/bad-input/fixture.yaml -t data-cert --profile tests/data/limits/long-profile.yaml --max-file-size 900
