"""fieldkit: offline attendance, notes and PDF minutes for workshops and encounters."""

__version__ = "0.1.0"
