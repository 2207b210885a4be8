"""`spdocs serve`: the local web app for drafting partnerships in a browser, and its JSON API.

::

    server.py      the socket, uvicorn, the address (and token) to open
    app.py         the routes: the page, static files, the JSON API; errors in kk/ru/en
    guard.py       host, token, cross-site and size checks; security headers
    workspace.py   the folder of data files: ids, ETags, atomic conflict-checked saves
    roundtrip.py   form data -> the file's text, keeping comments, key order and quotes
    output.py      findings, documents, previews, actuals (through spdocs' public API)
    formschema.py  the schema, labels and model sections the page draws its form from
    static/        the page: plain ES modules, CSS and the Noto Sans fonts (no CDN)

Nothing here holds rules or wording of documents: the form comes from the data model's
JSON Schema, checks from `spdocs.check`, documents from `spdocs.render_document`.
"""
