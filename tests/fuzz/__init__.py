"""The fuzzing harness of issue 13 item 8: strategies, runner and invariants (see ``harness``)."""
