plan --minimize speed -t x
