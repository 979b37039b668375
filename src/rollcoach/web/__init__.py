"""The web app: server-rendered pages and the HTTP API, thin shells over the engine and store."""
