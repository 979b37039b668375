"""A child that takes a long while to get going (as dozens starting at once on a busy machine)."""

import sys
import time

from rollcoach.web import import_child

START_S = 2.5  # longer than the lease the test sets, before the child's own first heartbeat

if __name__ == "__main__":
    time.sleep(START_S)
    sys.exit(import_child.main(sys.argv[1:]))
