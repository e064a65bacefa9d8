list no-such-thing-anywhere --format json
