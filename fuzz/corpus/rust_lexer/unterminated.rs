/* never closed /* */
