"""The organisation's hub: the same meetings on a PostgreSQL server, synced from many laptops.

Offline first: every laptop keeps working on its own SQLite database; `sync` pushes what changed
here and pulls what colleagues changed (see sync.py for the protocol and the package's modules,
docs/hub.md for the server). Only this package talks to the hub; nothing connects unless the user set
up a hub and asked to sync. It sits above the services (docs/architecture.md): the window (ui/hub/)
and the command line (cli/commands/hub.py) use it, nothing below them does.
"""
