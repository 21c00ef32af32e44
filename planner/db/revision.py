"""The schema revision this build writes, known without importing Alembic.

Opening a current database compares this with ``alembic_version`` using a plain
query; Alembic (about half a second to import) is loaded only to create or
upgrade. A test checks this matches the newest migration script.
"""

HEAD_REVISION = "0003_shared"
