"""The same jobs done right: nothing here is reported."""
