/* unterminated

