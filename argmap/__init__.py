"""argmap: publish, read, cite and improve an argument online."""

__version__ = "0.1.0"
