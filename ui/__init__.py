"""Vouch's window: Qt only. No SQL and no business rules here: those live in crm/."""
