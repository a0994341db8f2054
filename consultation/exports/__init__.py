"""Spreadsheet exports for staff: `spreadsheets` reads the rows, `views` is the exports page in the Wagtail admin."""
