list machine learning --level 6-7
