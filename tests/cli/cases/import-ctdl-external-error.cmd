import ctdl tests/data/ctdl/cloud-pro.json --external error
