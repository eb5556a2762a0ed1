"""The notes page: what was said and decided, action items and flip-chart photos."""
