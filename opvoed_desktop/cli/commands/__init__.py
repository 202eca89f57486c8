"""One module per group of sub-commands; cli.run_command imports a module only when its command runs."""
