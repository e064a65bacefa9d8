graph -t hc-aass
