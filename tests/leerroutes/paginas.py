"""What the leerroutes page tests share."""


def geweigerd(response) -> str:
    """The page of a refused form: answered with 400, its html returned so that the
    test can look for the message and the input kept."""
    assert response.status_code == 400
    return response.content.decode()
