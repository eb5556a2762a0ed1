"""The Reports page of the main window: the minutes of an event, a day or a session in PDF."""
