"""The command-line interface. Each verb lives in its own module, registered in `main.COMMANDS`."""
