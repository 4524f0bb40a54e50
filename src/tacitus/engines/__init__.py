"""Where the coder runs: `local` (worker processes on this machine) and `spark`."""
