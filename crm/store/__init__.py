"""The SQLite store: models, connection, migrations, backups."""
