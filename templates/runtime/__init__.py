"""Runtime shared by every generated command; copied verbatim by the generator."""
