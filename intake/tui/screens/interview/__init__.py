"""The interview screen: the conversation (:mod:`.screen`) and its live side as an answer is
typed (:mod:`.live`)."""
