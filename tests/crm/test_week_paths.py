"""A week of the method: the contact pane's warm path to a first-degree connection whose
LinkedIn row has no company said 'Talk to Mateo Rossi at  about the job'."""

from __future__ import annotations

from crm.services.contacts import create_contact
from crm.services.network import paths_to_contact


def test_a_direct_path_to_someone_without_a_company_reads_whole(db):
    mateo = create_contact("Mateo", "Rossi")
    (path,) = paths_to_contact(mateo.id)
    assert path.next_action() == "Talk to Mateo Rossi directly: you know them"
    assert path.to_dict()["next_action"] == path.next_action()


def test_with_a_company_the_words_are_unchanged(db):
    ana = create_contact("Ana", "Inside", company="Acme")
    (path,) = paths_to_contact(ana.id)
    assert path.next_action() == "Talk to Ana Inside at Acme about the job"
