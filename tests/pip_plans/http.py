"""A form post of the pip_plans page tests that must go through."""


def doorgestuurd(client, url, data=None):
    """POST `data` to `url` and check that it went through: the page redirects (302)
    after a successful step. The response, for its Location."""
    response = client.post(url, data or {})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
