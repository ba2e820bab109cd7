"""Generated command modules, one per command group; imported lazily."""
