"""Policy sections owned by one capability each; the top-level Policy model composes them."""
