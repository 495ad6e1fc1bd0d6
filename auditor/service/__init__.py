"""`phi-audit serve`: the upload-review HTTP API (FastAPI on uvicorn) over the scan's own reader, scanners,
policy engine and store. Nothing here is imported by a scan."""
