import requests

def foo():
    requests.get("https://example.com")
