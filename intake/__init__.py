"""The allegation as recorded: vocabulary, storage, classifier, interview engine and intake apps."""

__version__ = "0.1.0"
