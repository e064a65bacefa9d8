list --kind certificate --width 80
