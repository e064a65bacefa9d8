list --skill pyton --tag helthcare
