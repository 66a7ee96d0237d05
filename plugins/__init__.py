"""Built-in gongwen plugins."""
