"""The organisation's hub in the window (opvoed_desktop/hub does the work; nothing here connects
until the user presses a button):

- menu.py: the "Hub" menu of the main window;
- sync_dialog.py: the hub's address and password, "Synchroniseren" on a thread with progress, a stop
  button and a summary;
- conflicts_dialog.py: each conflict with both versions side by side, and the user's choice;
- overview_dialog.py: counts per municipality and period, from the hub or this laptop, and a PDF;
- sharing_row.py: "delen met organisatie" and where a meeting came from, on its Details tab.
"""
