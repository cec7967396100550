"""Pure text and HTML functions: no Scrapy, no database.

`cleaning.page.process_page` is the one chain of stages (extract, clean,
language, fingerprint); the modules are its stages.
"""
