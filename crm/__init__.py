"""Vouch core: store, services, import/export and the command line. No Qt here."""

__version__ = "0.1.0"
