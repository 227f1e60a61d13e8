"""The command line and what runs around a build: new, serve, import, analyse and the console."""
