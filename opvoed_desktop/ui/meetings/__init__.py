"""Meetings: the list, the editor with its tabs, local contacts and the trash."""
