"""Everything after submission: the protocol workflow, tracker, overrides, users and exports."""
