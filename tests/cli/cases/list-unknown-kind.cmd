list --kind certficate,badge
