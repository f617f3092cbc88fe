"""Importers: LinkedIn connections, the LinkedIn archive and other contact spreadsheets."""
