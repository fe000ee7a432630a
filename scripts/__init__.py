"""Small, tested modules behind the hooks, the checks and the command-line scripts."""
