#!/usr/bin/env python3
"""Validates AMW exports against the JSON Schema: validate-export.py SCHEMA FILE...

Each problem is printed as "FILE: place: message"; the status is 1 when any file has one."""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, document_paths = sys.argv[1], sys.argv[2:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    status = 0
    for document_path in document_paths:
        with open(document_path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            print(f"{document_path}: {place or '(document)'}: {error.message[:300]}")
        if errors:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
