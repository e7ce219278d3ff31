"""LG-02: no sampling. Every call of the verwerkingenlog writes its rows, and the log
module has no sampling, asynchronous or forgiving path.
"""

import ast
from pathlib import Path

import pytest

from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


def test_lg02_every_call_writes_one_row_per_betrokkene_without_sampling(
    casusregisseur, zevenaar
):
    dossiers = InburgeraarFactory.create_batch(20, gemeente=zevenaar)
    for _ in range(3):
        log.log_dossiers_listed(dossiers, user=casusregisseur)
    for _ in range(50):
        log.log_dossier_viewed(dossiers[0], user=casusregisseur)
    assert Verwerking.objects.count() == 3 * 20 + 50
    assert Verwerking.objects.filter(object_id=str(dossiers[0].pk)).count() == 53


def test_lg02_the_log_module_has_no_sampling_asynchronous_or_forgiving_path():
    source = Path(log.__file__).read_text()
    for word in ("random", "sample", "on_commit", "delay(", "apply_async", "Thread"):
        assert word not in source, word
    assert not any(isinstance(node, ast.Try) for node in ast.walk(ast.parse(source)))
