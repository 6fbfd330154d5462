"""The plain-text findings the notebooks print, computed from frames (never typed in)."""
