"""The registers: one page, form and links panel reused by every register of the AIMS."""
