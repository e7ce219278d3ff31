"""What monitoring writes, by sub-domain: signalen (snooze, digest choices) and keten
(the ketenoverleggen)."""
