"""Everything that changes data: undoable commands, record forms and the EditController."""
