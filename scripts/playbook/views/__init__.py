"""View data: what each page shows, as plain Python values for the templates.

Each module here turns the model into dicts, lists and strings (step numbers,
hrefs, counts, filled texts). None of them builds markup; templates/ does.
"""
