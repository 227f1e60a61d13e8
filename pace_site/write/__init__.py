"""Writing the site: links made relative and checked, the atomic swap, search, PDFs and plotly.js."""
