list --kind certificate --width 200
