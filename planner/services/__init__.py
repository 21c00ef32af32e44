"""Services: plain functions over a session, returning frozen dataclasses.

Callers own the transaction (``Database.transaction()``), so one user action is
one commit whatever number of services it calls.
"""
