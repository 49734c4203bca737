"""`python -m wizard` runs the same command as `kinesis-kms-wizard`."""

from wizard.cli import main

raise SystemExit(main())
