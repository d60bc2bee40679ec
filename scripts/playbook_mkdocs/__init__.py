"""The MkDocs plugin for the playbook (`plugins: [search, playbook]` in mkdocs.yml). An adapter: the core is `playbook`."""
