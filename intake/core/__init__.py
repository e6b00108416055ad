"""What both apps share: the protocol's vocabulary, settings, errors, the database and
its migrations, the audit and its seal, users and sign-in, establishments, consent, files."""
