"""The extraction pipeline: articles -> entities, events, claims, casualty figures, time
expressions and relations, with provenance (see ontology/MODEL.md).

Rule-based in the TABARI/PETRARCH tradition: dictionaries and patterns are data files in
`graph/rules/`, the reference knowledge base is Turtle in `graph/kb/`."""
