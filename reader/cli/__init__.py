"""The command line: argument parsing and the launch path."""
