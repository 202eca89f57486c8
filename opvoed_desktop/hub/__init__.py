"""The organisation's hub: the same meetings on a PostgreSQL server, synced from many laptops.

Offline first: every laptop keeps working on its own SQLite database; `sync` pushes what changed
here and pulls what colleagues changed (see sync.py for the protocol, docs/hub.md for the server).
Only this package talks to the hub; nothing connects unless the user set up a hub and asked to sync.
"""
