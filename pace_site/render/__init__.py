"""Pages and charts: the site map, the Jinja environment, charts, sentences, diagrams, feeds and the library's pages."""
