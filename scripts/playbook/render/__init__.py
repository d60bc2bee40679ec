"""Render the model as pages (Markdown files whose dynamic parts are escaped HTML)."""
