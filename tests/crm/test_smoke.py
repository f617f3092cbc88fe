from crm.services.network import paths_to_company
from crm.services.stats import counts


def test_demo_has_paths_to_a_target(demo_db):
    assert counts()["contacts"] > 50
    paths = paths_to_company("Acme Robotics")
    assert paths and paths[0].target.company == "Acme Robotics"
    assert [p.length for p in paths] == sorted(p.length for p in paths)
