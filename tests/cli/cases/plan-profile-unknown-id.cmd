plan -t hc-aas --profile tests/cli/fixtures/profile-typo.yaml
