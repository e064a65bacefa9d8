list no-such-thing-anywhere
