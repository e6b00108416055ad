"""The intake's command line (click): the commands, line mode and the classifier command."""
