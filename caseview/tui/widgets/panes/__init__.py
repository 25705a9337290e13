"""The five panes of the main screen, one module each; every pane owns its keys, workers and messages."""
