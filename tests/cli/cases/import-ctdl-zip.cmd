import ctdl tests/data/ctdl/bulk.zip
