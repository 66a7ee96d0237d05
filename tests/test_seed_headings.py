"""The heading fixtures agree with the seeds (when the seeds are next to the repository)."""

import pytest
from seeds import EXTRACT, FIXTURES, SEEDS, expected_headings


def test_every_fixture_is_listed():
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(EXTRACT)


@pytest.mark.parametrize("name", sorted(EXTRACT))
def test_fixture_matches_the_seed(name):
    if not SEEDS.is_dir():
        pytest.skip("seeds not available (../shared/seeds); the fixtures are used as they are")
    assert expected_headings(name) == EXTRACT[name](), f"regenerate with: python tests/seeds.py ({name})"
