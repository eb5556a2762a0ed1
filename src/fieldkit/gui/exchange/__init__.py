"""The Exchange page: this laptop's name, export, import with a preview, undo, conflicts."""
