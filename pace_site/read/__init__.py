"""Reading and checking the user's folders: site.yml, content, data and files, each problem with its file and line."""
