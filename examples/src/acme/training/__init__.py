"""Training: the loop, the optimizer and schedule, and the callbacks around them."""
