import ctdl tests/data/ctdl/two-currencies.jsonld
