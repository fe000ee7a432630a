"""Partner time: the mirror kit, hosting rules, offline copies and campaign figures."""
