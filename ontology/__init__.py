"""The conflict-kg ontology: OWL 2 schema and SHACL shapes kept as Turtle, and the tools
that check, document and compare it. This package reads files only; it imports neither
the graph pipeline nor the server."""
