import pytest

from tests.extract.extract_helpers import SEEDS, read_corpus


@pytest.fixture(scope="session")
def seed_documents():
    return read_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_extraction(seed_documents):
    from caseview.extract import extract_corpus

    return extract_corpus(seed_documents, None)
