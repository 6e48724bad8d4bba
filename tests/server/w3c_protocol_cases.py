"""The 34 requests of the W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests,
`sparql/sparql11/protocol/manifest.ttl`), transcribed as data: method, request target
(relative to the endpoint, percent-encoding as in the manifest), headers, body, the
expected status class and result. Graph data files hold one triple each."""

# ruff: noqa: E501

DATA_TRIPLE = ("<http://kasei.us/2009/09/sparql/data/data{n}.rdf> "
               "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
               "<http://xmlns.com/foaf/0.1/Document> .")

CASES = [{'name': 'query_post_form',
  'label': 'query via URL-encoded POST',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/x-www-form-urlencoded')],
                'encoding': 'UTF-8',
                'body': 'query=ASK%20%7B%7D',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_dataset_default_graphs_get',
  'label': 'GET query with protocol-specified default graph',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf')],
  'requests': [{'method': 'GET',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [],
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_dataset_default_graphs_post',
  'label': 'POST query with protocol-specified default graphs',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf')],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . '
                        '<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_dataset_named_graphs_post',
  'label': 'POST query with protocol-specified named graphs',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf')],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type '
                        '} GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_dataset_named_graphs_get',
  'label': 'GET query with protocol-specified named graphs',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf')],
  'requests': [{'method': 'GET',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [],
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_dataset_full',
  'label': 'query with protocol-specified dataset (both named and default graphs)',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf'),
                 ('data3.nt', 'http://kasei.us/2009/09/sparql/data/data3.rdf')],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '  <http://kasei.us/2009/09/sparql/data/data3.rdf> a ?type\n'
                        '  GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }\n'
                        '  GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_multiple_dataset',
  'label': 'query specifying dataset in both query string and protocol; test for use of '
           'protocol-specified dataset',
  'graph_data': [('data1.nt', 'http://kasei.us/2009/09/sparql/data/data1.rdf'),
                 ('data2.nt', 'http://kasei.us/2009/09/sparql/data/data2.rdf'),
                 ('data3.nt', 'http://kasei.us/2009/09/sparql/data/data3.rdf')],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> { GRAPH ?g1 { '
                        '<http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } GRAPH ?g2 { '
                        '<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_get',
  'label': 'query via GET',
  'graph_data': [],
  'requests': [{'method': 'GET',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [],
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_content_type_select',
  'label': 'query appropriate content type (expect one of: XML, JSON, CSV, TSV)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'SELECT (1 AS ?value) {}',
                'status': ['2xx', '3xx'],
                'format': 'tabular'}]},
 {'name': 'query_content_type_ask',
  'label': 'query appropriate content type (expect one of: XML, JSON)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {}',
                'status': ['2xx', '3xx'],
                'format': 'boolean'}]},
 {'name': 'query_content_type_describe',
  'label': 'query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'DESCRIBE <http://example.org/>',
                'status': ['2xx', '3xx'],
                'format': 'RDF'}]},
 {'name': 'query_content_type_construct',
  'label': 'query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'CONSTRUCT { <s> <p> 1 } WHERE {}',
                'status': ['2xx', '3xx'],
                'format': 'RDF'}]},
 {'name': 'update_dataset_default_graph',
  'label': 'update with protocol-specified default graph',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'PREFIX dc: <http://purl.org/dc/terms/>\n'
                        'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                        'CLEAR ALL ;\n'
                        'INSERT DATA {\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {\n'
                        '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document\n'
                        '    }\n'
                        '} ;\n'
                        'INSERT {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-test/> {\n'
                        '        ?s a dc:BibliographicResource\n'
                        '    }\n'
                        '}\n'
                        'WHERE {\n'
                        '    ?s a foaf:Document\n'
                        '}',
                'status': ['2xx', '3xx']},
               {'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-test/> {\n'
                        '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource>\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'update_dataset_default_graphs',
  'label': 'update with protocol-specified default graphs',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'PREFIX dc: <http://purl.org/dc/terms/>\n'
                        'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                        'DROP ALL ;\n'
                        'INSERT DATA {\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                        '} ;\n'
                        'INSERT {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n'
                        '        ?s a dc:BibliographicResource\n'
                        '    }\n'
                        '}\n'
                        'WHERE {\n'
                        '    ?s a foaf:Document\n'
                        '}',
                'status': ['2xx', '3xx']},
               {'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n'
                        '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '        <http://kasei.us/2009/09/sparql/data/data2.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '    }\n'
                        '    FILTER NOT EXISTS {\n'
                        '        GRAPH <http://example.org/protocol-update-dataset-graphs-test/> '
                        '{\n'
                        '            <http://kasei.us/2009/09/sparql/data/data3.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '        }\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'update_dataset_named_graphs',
  'label': 'update with protocol-specified named graphs',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/?using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'PREFIX dc: <http://purl.org/dc/terms/>\n'
                        'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                        'DROP ALL ;\n'
                        'INSERT DATA {\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                        '} ;\n'
                        'INSERT {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> '
                        '{\n'
                        '        ?s a dc:BibliographicResource\n'
                        '    }\n'
                        '}\n'
                        'WHERE {\n'
                        '    GRAPH ?g {\n'
                        '        ?s a foaf:Document\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx']},
               {'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> '
                        '{\n'
                        '        <http://kasei.us/2009/09/sparql/data/data1.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '        <http://kasei.us/2009/09/sparql/data/data2.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '    }\n'
                        '    FILTER NOT EXISTS {\n'
                        '        GRAPH '
                        '<http://example.org/protocol-update-dataset-named-graphs-test/> {\n'
                        '            <http://kasei.us/2009/09/sparql/data/data3.rdf> a '
                        '<http://purl.org/dc/terms/BibliographicResource> .\n'
                        '        }\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'update_dataset_full',
  'label': 'update with protocol-specified dataset (both named and default graphs)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'PREFIX dc: <http://purl.org/dc/terms/>\n'
                        'PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n'
                        'DROP ALL ;\n'
                        'INSERT DATA {\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }\n'
                        '    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { '
                        '<http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }\n'
                        '} ;\n'
                        'INSERT {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                        '        ?s <http://example.org/in> ?in\n'
                        '    }\n'
                        '}\n'
                        'WHERE {\n'
                        '    {\n'
                        '        GRAPH ?g { ?s a foaf:Document }\n'
                        '        BIND(?g AS ?in)\n'
                        '    }\n'
                        '    UNION\n'
                        '    {\n'
                        '        ?s a foaf:Document .\n'
                        '        BIND("default" AS ?in)\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx']},
               {'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                        '        <http://kasei.us/2009/09/sparql/data/data1.rdf> '
                        '<http://example.org/in> "default" .\n'
                        '        <http://kasei.us/2009/09/sparql/data/data2.rdf> '
                        '<http://example.org/in> <http://kasei.us/2009/09/sparql/data/data2.rdf> '
                        '.\n'
                        '    }\n'
                        '    FILTER NOT EXISTS {\n'
                        '        GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n'
                        '            <http://kasei.us/2009/09/sparql/data/data3.rdf> ?p ?o\n'
                        '        }\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'update_post_form',
  'label': 'update via URL-encoded POST',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/x-www-form-urlencoded')],
                'encoding': 'UTF-8',
                'body': 'update=CLEAR+ALL',
                'status': ['2xx', '3xx']}]},
 {'name': 'update_post_direct',
  'label': 'update via POST directly',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'CLEAR ALL',
                'status': ['2xx', '3xx']}]},
 {'name': 'update_base_uri',
  'label': 'test for service-defined BASE URI ("which MAY be the service endpoint")',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\n'
                        'INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { '
                        '<http://example.org/s> <http://example.org/p> <test> } }',
                'status': ['2xx', '3xx']},
               {'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {\n'
                        '    GRAPH <http://example.org/protocol-base-test/> {\n'
                        '        <http://example.org/s> <http://example.org/p> ?o\n'
                        '        FILTER (isIRI(?o) && STR(?o) != "test")\n'
                        '    }\n'
                        '}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'query_post_direct',
  'label': 'query via POST directly',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query')],
                'encoding': 'UTF-8',
                'body': 'ASK {}',
                'status': ['2xx', '3xx'],
                'format': 'boolean',
                'boolean': True}]},
 {'name': 'bad_query_method',
  'label': 'invoke query operation with a method other than GET or POST',
  'graph_data': [],
  'requests': [{'method': 'PUT',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf',
                'headers': [('content-type', 'application/x-www-form-urlencoded')],
                'status': ['4xx']}]},
 {'name': 'bad_multiple_queries',
  'label': 'invoke query operation with more than one query string',
  'graph_data': [],
  'requests': [{'method': 'GET',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D',
                'headers': [],
                'status': ['4xx']}]},
 {'name': 'bad_query_wrong_media_type',
  'label': "invoke query operation with a POST with media type that's not url-encoded or "
           'application/sparql-query',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'text/plain')],
                'encoding': 'UTF-8',
                'body': 'ASK {}',
                'status': ['4xx']}]},
 {'name': 'bad_query_missing_form_type',
  'label': 'invoke query operation with url-encoded body, but without '
           'application/x-www-form-urlencoded media type',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [],
                'encoding': 'UTF-8',
                'body': 'query=ASK%20%7B%7D',
                'status': ['4xx']}]},
 {'name': 'bad_query_missing_direct_type',
  'label': 'invoke query operation with SPARQL body, but without application/sparql-query media '
           'type',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [],
                'encoding': 'UTF-8',
                'body': 'ASK {}',
                'status': ['4xx']}]},
 {'name': 'bad_query_non_utf8',
  'label': 'invoke query operation with direct POST, but with a non-UTF8 encoding (UTF-16)',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'query',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-query; charset=UTF-16')],
                'encoding': 'UTF-16',
                'body': 'ASK {}',
                'status': ['4xx']}]},
 {'name': 'bad_query_syntax',
  'label': 'invoke query operation with invalid query syntax (4XX result)',
  'graph_data': [],
  'requests': [{'method': 'GET',
                'role': 'query',
                'path': '/sparql/?query=ASK%20%7B',
                'headers': [],
                'status': ['4xx']}]},
 {'name': 'bad_update_get',
  'label': 'invoke update operation with GET',
  'graph_data': [],
  'requests': [{'method': 'GET',
                'role': 'update',
                'path': '/sparql/?update=CLEAR%20ALL',
                'headers': [],
                'status': ['4xx']}]},
 {'name': 'bad_multiple_updates',
  'label': 'invoke update operation with more than one update string',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/x-www-form-urlencoded')],
                'encoding': 'UTF-8',
                'body': 'update=CLEAR%20NAMED&update=CLEAR%20DEFAULT',
                'status': ['4xx']}]},
 {'name': 'bad_update_wrong_media_type',
  'label': "invoke update operation with a POST with media type that's not url-encoded or "
           'application/sparql-update',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'text/plain')],
                'encoding': 'UTF-8',
                'body': 'CLEAR NAMED',
                'status': ['4xx']}]},
 {'name': 'bad_update_missing_form_type',
  'label': 'invoke update operation with url-encoded body, but without '
           'application/x-www-form-urlencoded media type',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [],
                'encoding': 'UTF-8',
                'body': 'update=CLEAR%20NAMED',
                'status': ['4xx']}]},
 {'name': 'bad_update_non_utf8',
  'label': 'invoke update operation with direct POST, but with a non-UTF8 encoding',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/sparql-update; charset=UTF-16')],
                'encoding': 'UTF-16',
                'body': 'CLEAR NAMED',
                'status': ['4xx']}]},
 {'name': 'bad_update_syntax',
  'label': 'invoke update operation with invalid update syntax',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/',
                'headers': [('content-type', 'application/x-www-form-urlencoded')],
                'encoding': 'UTF-8',
                'body': 'update=CLEAR%20XYZ',
                'status': ['4xx']}]},
 {'name': 'bad_update_dataset_conflict',
  'label': 'invoke update with both using-graph-uri/using-named-graph-uri parameter and USING/WITH '
           'clause',
  'graph_data': [],
  'requests': [{'method': 'POST',
                'role': 'update',
                'path': '/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople',
                'headers': [('content-type', 'application/sparql-update')],
                'encoding': 'UTF-8',
                'body': 'PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\n'
                        'WITH <http://example/addresses>\n'
                        "DELETE { ?person foaf:givenName 'Bill' }\n"
                        "INSERT { ?person foaf:givenName 'William' }\n"
                        'WHERE {\n'
                        "    ?person foaf:givenName 'Bill'\n"
                        '}',
                'status': ['4xx']}]}]
