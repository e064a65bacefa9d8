list --kind certificate --width 60
