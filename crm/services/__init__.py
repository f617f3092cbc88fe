"""Domain services: every business rule lives here, none in ui/."""
