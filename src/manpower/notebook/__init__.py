"""What the chapter notebooks call: what every notebook does first and last (chapter.py), what
each chapter selects, compares and computes (chapter_*.py), and its charts, for the page and for
a phone."""
