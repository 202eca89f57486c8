"""Use cases that the UI and the CLI share. No Qt here."""
