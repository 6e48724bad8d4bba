"""From news articles to RDF: corpus reading, the document layer, extraction, the store
layer and the `kg` command line."""
