"""Views of the services app: public pages (form, lookup, rating) and staff pages."""
