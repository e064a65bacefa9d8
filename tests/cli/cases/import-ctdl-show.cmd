show -c tests/data/ctdl/cloud-pro.json cloud-pro
