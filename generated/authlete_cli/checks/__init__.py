"""Request-body checks compiled from the models, one module per command group; imported lazily."""
