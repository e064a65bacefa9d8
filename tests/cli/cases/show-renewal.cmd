show hc-coder-license
