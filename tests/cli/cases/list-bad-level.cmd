list --level 7-5
