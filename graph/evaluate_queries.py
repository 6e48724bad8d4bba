"""The SPARQL that reads one article graph (the query's default graph) back into the
tuples of the gold annotations: labels, states, entities, relations, offices, events,
claims, casualty figures and time expressions, and the article's text (used by
graph/evaluate.py)."""

Q_LABELS = """SELECT ?e ?l WHERE { { ?e rdfs:label|skos:prefLabel|skos:altLabel ?l } }"""
Q_STATE = """SELECT ?e ?s WHERE { { { ?e a ckg:State BIND(?e AS ?s) } UNION
    { ?e ckg:forceOf|ckg:actsFor|ckg:inState ?s } } }"""
Q_ENTITIES = """SELECT ?e ?type WHERE { { ?a a ckg:Article ; schema:mentions ?e .
    ?e a ?type } }"""
Q_RELATIONS = """SELECT DISTINCT ?s ?p ?o WHERE { {
    ?r a ckg:StatementRecord ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    ?s ?p ?o } }"""
Q_OFFICES = """SELECT ?h ?holder ?office ?of WHERE { {
    ?h a ckg:OfficeHolding ; ckg:office ?office ; ckg:officeOf ?of .
    OPTIONAL { ?h ckg:holder ?holder } } }"""
Q_EVENTS = """SELECT ?ev ?type ?agent ?target ?place ?date ?status ?count ?assertion WHERE { {
    ?ev a ckg:Event ; a ?type . FILTER(?type != ckg:Event && STRSTARTS(STR(?type), STR(ckg:)))
    OPTIONAL { ?ev ckg:agent ?agent } OPTIONAL { ?ev ckg:target ?target }
    OPTIONAL { ?ev ckg:place ?place } OPTIONAL { ?ev ckg:startDate ?date }
    OPTIONAL { ?ev ckg:eventStatus ?status } OPTIONAL { ?ev ckg:count ?count }
    OPTIONAL { ?ev ckg:assertionStatus ?assertion } } }"""
Q_EVENT_MULTI = """SELECT ?ev ?p ?o WHERE { {
    ?ev a ckg:Event ; ?p ?o . FILTER(?p IN (ckg:participant, ckg:weapon)) } }"""
Q_CLAIMS = """SELECT ?c ?who ?verb ?allegation ?x ?type WHERE { {
    ?c a ckg:Claim ; ckg:claimant ?who ; ckg:reportingVerb ?verb ; ckg:claims ?x .
    OPTIONAL { ?c ckg:isAllegation ?allegation }
    ?x a ?type . FILTER(?type != ckg:Event && STRSTARTS(STR(?type), STR(ckg:))) } }"""
Q_FIGURES = """SELECT ?f ?kind ?count ?vague ?min ?qualifier ?side ?population ?place
    ?start ?end ?reporter WHERE { { ?f a ckg:CasualtyFigure .
    OPTIONAL { ?f ckg:casualtyKind ?kind } OPTIONAL { ?f ckg:count ?count }
    OPTIONAL { ?f ckg:vagueQuantity ?vague } OPTIONAL { ?f ckg:minCount ?min }
    OPTIONAL { ?f ckg:qualifier ?qualifier } OPTIONAL { ?f ckg:side ?side }
    OPTIONAL { ?f ckg:population ?population } OPTIONAL { ?f ckg:place ?place }
    OPTIONAL { ?f ckg:period ?t . ?t ckg:resolvedStart ?start ; ckg:resolvedEnd ?end }
    OPTIONAL { ?f ckg:reportedBy ?reporter } } }"""
Q_TIMES = """SELECT ?t ?text ?start ?end ?precision ?begin ?stop WHERE { {
    ?t a ckg:TimeExpression ; ckg:text ?text ; ckg:resolvedStart ?start ;
       ckg:resolvedEnd ?end ; ckg:precision ?precision .
    OPTIONAL { ?t ckg:supportedBy ?s . ?s nif:beginIndex ?begin ; nif:endIndex ?stop } } }"""
Q_TEXT = """SELECT ?text WHERE { { ?a a ckg:Article ; nif:isString ?text } }"""
