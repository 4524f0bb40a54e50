"""The one version string of tacitus."""

__version__ = "0.1.0"
