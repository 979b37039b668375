"""Reading run files (FIT, GPX, TCX, and exports) into activity summaries."""
