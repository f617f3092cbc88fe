"""Excel exports: the report workbook and "export this view" (openpyxl, write-only mode)."""
