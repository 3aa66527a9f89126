"""Reports: amounts in words, tables, workbooks."""
