import ctdl tests/data/ctdl/pathway.jsonld
