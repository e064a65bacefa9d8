import ctdl tests/data/ctdl/data-certificate.jsonld
