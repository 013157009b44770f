"""Stage 1, the files: which files are the portfolio (:mod:`.discovery`), YAML that remembers
the line of every value (:mod:`.yaml_source`), front matter (:mod:`.frontmatter`), and the few
keys of mkdocs.yml the core needs (:mod:`.mkdocs_yml`)."""
